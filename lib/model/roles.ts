import type { RowStatus } from './schema';

/** The three kinds of people; each route and each control checks these rules, once, here. */
export const ROLES = ['translator', 'reviewer', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** Things a person may be allowed to do. */
export type Action =
  | 'read'
  | 'create-document'
  | 'edit-target'
  | 'align'
  | 'comment'
  | 'delete-any-note'
  | 'publish'
  | 'manage-users'
  | 'edit-glossary'
  | 'pretranslate';

const ALLOWED: Record<Action, readonly Role[]> = {
  read: ['translator', 'reviewer', 'editor'],
  'create-document': ['editor'],
  'edit-target': ['translator', 'editor'],
  align: ['translator', 'editor'],
  comment: ['translator', 'reviewer', 'editor'],
  'delete-any-note': ['editor'],
  publish: ['editor'],
  'manage-users': ['editor'],
  'edit-glossary': ['translator', 'editor'],
  pretranslate: ['editor'],
};

/** Statuses each role may set: translators finish rows, reviewers judge them, editors do both. */
const STATUSES_BY_ROLE: Record<Role, readonly RowStatus[]> = {
  translator: ['untranslated', 'draft', 'translated'],
  reviewer: ['translated', 'needs-changes', 'approved'],
  editor: ['untranslated', 'draft', 'translated', 'needs-changes', 'approved'],
};

/** True when `role` may do `action`. */
export function can(role: Role, action: Action): boolean {
  return ALLOWED[action].includes(role);
}

/** True when `role` may set a row to `status`. */
export function canSetStatus(role: Role, status: RowStatus): boolean {
  return STATUSES_BY_ROLE[role].includes(status);
}

/** The statuses `role` may choose from, in the order the UI lists them. */
export function getSettableStatuses(role: Role): readonly RowStatus[] {
  return STATUSES_BY_ROLE[role];
}
