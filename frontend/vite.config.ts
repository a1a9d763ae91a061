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
        // Libraries change less often than our code: separate files cache
        // longer and keep each chunk under Vite's size warning.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          return /\/node_modules\/(@mantine|@floating-ui)\//.test(id) ? 'mantine' : 'vendor';
        },
      },
    },
  },
});
