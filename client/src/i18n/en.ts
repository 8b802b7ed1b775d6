import type { Messages } from './th';

export const en: Messages = {
  appName: 'Digital Government Readiness Survey',
  appShort: 'DG Readiness Survey',
  org: 'Digital Government Development Agency (DGA)',
  language: 'Language',
  nav: {
    home: 'Home',
    questionnaire: 'Questionnaire',
    results: 'Results',
    analytics: 'National overview',
    review: 'Evidence review',
    admin: 'Administration',
    frameworks: 'Frameworks',
    cycles: 'Survey cycles',
    apiDocs: 'API docs',
  },
  auth: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'Email',
    password: 'Password',
    signInTitle: 'Sign in to complete the survey or read your results',
    failed: 'Email or password is incorrect',
    locked: 'This account is temporarily locked after repeated failed sign-ins. Please try again later.',
    signedInAs: 'Signed in as',
  },
  roles: { respondent: 'Respondent', viewer: 'Agency viewer', analyst: 'DGA analyst', admin: 'Administrator' },
  home: {
    welcome: 'Welcome to the Digital Government Readiness Survey',
    intro:
      "The annual survey under the Digital Government Act B.E. 2562, section 10(3), for department-level agencies and the provinces' senior IT executive committees.",
    pillars: 'The framework: 7 pillars, 5 levels',
  },
  state: {
    loading: 'Loading…',
    error: 'Something went wrong',
    retry: 'Try again',
    empty: 'Nothing here yet',
    saved: 'Saved',
    saving: 'Saving…',
    offline: 'Offline — will save when the connection returns',
  },
  notFound: 'Page not found',
  backHome: 'Back to home',
  yearLabel: 'Fiscal year',
};
