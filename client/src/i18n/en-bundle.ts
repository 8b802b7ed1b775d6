import { authoringEn } from './authoring-en';
import { en } from './en';
import { errorReasonsEn, errorsEn } from './errors-en';
import { glossary } from './glossary';
import { publicResultsEn } from './public-results-en';

/** The whole English UI in one chunk, loaded only when a reader chooses English (i18n.ts). */
export const englishTranslation = {
  ...en,
  authoring: authoringEn,
  errors: errorsEn,
  errorReasons: errorReasonsEn,
  glossary: glossary.en,
  publicResults: publicResultsEn,
};
