import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { authoringTh } from './authoring';
import { errorReasonsTh, errorsTh } from './errors';
import { glossary } from './glossary';
import { publicResultsTh } from './public-results';
import { th } from './th';

const STORAGE_KEY = 'dg.lang';
const initial = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) || 'th';

const thaiTranslation = {
  ...th,
  authoring: authoringTh,
  errors: errorsTh,
  errorReasons: errorReasonsTh,
  glossary: glossary.th,
  publicResults: publicResultsTh,
};

/**
 * Thai ships with the first page; English is fetched when a reader picks it (or comes back having
 * picked it): on a slow link the sign-in page does not wait for a language it will not show.
 * i18next waits for the read before it switches, so no English screen shows Thai keys.
 */
const lazyEnglish: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, thaiTranslation);
    import('./en-bundle').then(
      (m) => callback(null, m.englishTranslation),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), null),
    );
  },
};

void i18n
  .use(lazyEnglish)
  .use(initReactI18next)
  .init({
    resources: { th: { translation: thaiTranslation } },
    partialBundledLanguages: true,
    lng: initial === 'en' ? 'en' : 'th',
    fallbackLng: 'th',
    interpolation: { escapeValue: false },
  });

// The choice is kept the moment it is made, not once English has loaded: a reader who picks
// English and reloads at once still gets English.
i18n.on('languageChanging', (lng?: string) => {
  if (lng === 'th' || lng === 'en') localStorage.setItem(STORAGE_KEY, lng);
});
i18n.on('languageChanged', (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
