import { describe, expect, it } from 'vitest';
import { roleSchema } from './role-schema';
import { can, canSetStatus, getSettableStatuses, ROLES, type Action, type Role } from './roles';
import { ROW_STATUSES, type RowStatus } from './schema';

const ACTIONS: Action[] = ['read', 'create-document', 'edit-target', 'align', 'comment', 'delete-any-note', 'publish', 'manage-users', 'edit-glossary'];

/** The whole permission table, written out: role → actions allowed. */
const EXPECTED_ACTIONS: Record<Role, Action[]> = {
  translator: ['read', 'edit-target', 'align', 'comment', 'edit-glossary'],
  reviewer: ['read', 'comment'],
  editor: ACTIONS,
};

/** Role → statuses it may set. */
const EXPECTED_STATUSES: Record<Role, RowStatus[]> = {
  translator: ['untranslated', 'draft', 'translated'],
  reviewer: ['translated', 'needs-changes', 'approved'],
  editor: ['untranslated', 'draft', 'translated', 'needs-changes', 'approved'],
};

describe('roles', () => {
  it('are translator, reviewer and editor, and nothing else parses', () => {
    expect(ROLES).toEqual(['translator', 'reviewer', 'editor']);
    for (const role of ROLES) expect(roleSchema.parse(role)).toBe(role);
    for (const bad of ['admin', 'Editor', '', 'owner']) expect(roleSchema.safeParse(bad).success).toBe(false);
  });
});

describe('can', () => {
  it.each(ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const)))('%s may %s: as in the table', (role, action) => {
    expect(can(role, action)).toBe(EXPECTED_ACTIONS[role].includes(action));
  });

  it('lets everyone read and comment', () => {
    for (const role of ROLES) {
      expect(can(role, 'read')).toBe(true);
      expect(can(role, 'comment')).toBe(true);
    }
  });

  it('does not let a reviewer edit a translation or change the alignment', () => {
    expect(can('reviewer', 'edit-target')).toBe(false);
    expect(can('reviewer', 'align')).toBe(false);
  });

  it('lets translators and editors edit the glossary, and reviewers only read it', () => {
    expect(can('translator', 'edit-glossary')).toBe(true);
    expect(can('editor', 'edit-glossary')).toBe(true);
    expect(can('reviewer', 'edit-glossary')).toBe(false);
  });

  it('lets translators translate and align', () => {
    expect(can('translator', 'edit-target')).toBe(true);
    expect(can('translator', 'align')).toBe(true);
  });

  it('lets only editors create documents, publish, manage users and delete any note', () => {
    for (const action of ['create-document', 'publish', 'manage-users', 'delete-any-note'] as const) {
      expect(ROLES.filter((role) => can(role, action))).toEqual(['editor']);
    }
  });

  it('lets an editor do everything', () => {
    for (const action of ACTIONS) expect(can('editor', action)).toBe(true);
  });
});

describe('canSetStatus', () => {
  it.each(ROLES.flatMap((role) => ROW_STATUSES.map((status) => [role, status] as const)))('%s may set %s: as in the table', (role, status) => {
    expect(canSetStatus(role, status)).toBe(EXPECTED_STATUSES[role].includes(status));
  });

  it('lets a reviewer judge a row but not set it back to draft or untranslated', () => {
    expect(canSetStatus('reviewer', 'approved')).toBe(true);
    expect(canSetStatus('reviewer', 'needs-changes')).toBe(true);
    expect(canSetStatus('reviewer', 'translated')).toBe(true);
    expect(canSetStatus('reviewer', 'draft')).toBe(false);
    expect(canSetStatus('reviewer', 'untranslated')).toBe(false);
  });

  it('does not let a translator approve a row or ask for changes', () => {
    expect(canSetStatus('translator', 'approved')).toBe(false);
    expect(canSetStatus('translator', 'needs-changes')).toBe(false);
    expect(canSetStatus('translator', 'translated')).toBe(true);
    expect(canSetStatus('translator', 'draft')).toBe(true);
  });

  it('lets an editor set every status', () => {
    for (const status of ROW_STATUSES) expect(canSetStatus('editor', status)).toBe(true);
  });
});

describe('getSettableStatuses', () => {
  it('lists what canSetStatus allows, in the order of the statuses', () => {
    for (const role of ROLES) {
      const listed = getSettableStatuses(role);
      expect(listed).toEqual(EXPECTED_STATUSES[role]);
      expect(listed).toEqual(ROW_STATUSES.filter((s) => canSetStatus(role, s)));
    }
  });
});
