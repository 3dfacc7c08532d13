import type { SessionUser } from './users-file';

/** The people a development server offers when there is no users file: one per role, no passwords. */
export const DEMO_USERS: readonly SessionUser[] = [
  { name: 'demo-translator', role: 'translator', demo: true },
  { name: 'demo-reviewer', role: 'reviewer', demo: true },
  { name: 'demo-editor', role: 'editor', demo: true },
];

/** True on `next dev`: only there may demo people sign in. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV !== 'production';
}
