import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths the Go server owns; in development Vite forwards them to it.
const backend = process.env.INNOMUNICH_DEV_BACKEND ?? 'http://127.0.0.1:8080';
const proxy = Object.fromEntries(
  ['/api', '/openapi.json', '/healthz', '/readyz', '/.well-known'].map((path) => [
    path,
    { target: backend },
  ]),
);

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    rollupOptions: {
      output: {
        // Libraries change less often than our code: React and the
        // libraries every page uses go to one long-cached file. The rest
        // (Mantine's components among them) is split by the pages that
        // use it, so a first visit loads only what its page needs.
        manualChunks(id) {
          return /\/node_modules\/(react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|i18next-browser-languagedetector|openapi-fetch)\//.test(id)
            ? 'vendor'
            : undefined;
        },
      },
    },
  },
});
