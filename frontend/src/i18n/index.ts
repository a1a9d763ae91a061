import i18next, { type i18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import { de, en, ja } from '../locales';

export type { Catalogue } from '../locales';

export const languages = ['de', 'en', 'ja'] as const;
export type Language = (typeof languages)[number];

export const fallbackLanguage: Language = 'en';

// The key under which the chosen language survives a reload.
export const languageStorageKey = 'innomunich.language';

export const resources = {
  de: { translation: de },
  en: { translation: en },
  ja: { translation: ja },
} as const;

// createI18n returns a fresh, fully initialised instance: catalogues are
// bundled, so initialisation is synchronous and nothing renders untranslated.
// Tests create one per render so that language changes do not leak.
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  void instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: languages,
      fallbackLng: fallbackLanguage,
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes already
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: languageStorageKey,
        caches: ['localStorage'],
        // "de-AT" and "ja-JP" should land on "de" and "ja".
        convertDetectedLanguage: (lng) => lng.split('-')[0] ?? lng,
      },
    });
  return instance;
}
