import type en from '../locales/en.json';

/**
 * Message keys are typed from the English messages: `t('Editor.nope')` or a key missing from locales/en.json fails
 * the type check. locales/ar.json holds the same keys (e2e/i18n.spec.ts and the pages show both).
 */
declare module 'next-intl' {
  interface AppConfig {
    Messages: typeof en;
  }
}
