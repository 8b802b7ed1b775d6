import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { authoringEn, authoringTh } from './authoring';
import { en } from './en';
import { errorReasonsEn, errorReasonsTh, errorsEn, errorsTh } from './errors';
import { glossary } from './glossary';
import { publicResultsEn, publicResultsTh } from './public-results';
import { th } from './th';

const STORAGE_KEY = 'dg.lang';
const initial = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) || 'th';

void i18n.use(initReactI18next).init({
  resources: {
    th: {
      translation: {
        ...th,
        authoring: authoringTh,
        errors: errorsTh,
        errorReasons: errorReasonsTh,
        glossary: glossary.th,
        publicResults: publicResultsTh,
      },
    },
    en: {
      translation: {
        ...en,
        authoring: authoringEn,
        errors: errorsEn,
        errorReasons: errorReasonsEn,
        glossary: glossary.en,
        publicResults: publicResultsEn,
      },
    },
  },
  lng: initial === 'en' ? 'en' : 'th',
  fallbackLng: 'th',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
