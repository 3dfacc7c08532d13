import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, renderPermissionsTable } from '../e2e/permissions-table';

const README = path.resolve(import.meta.dirname, '..', 'README.md');

describe('the README’s permissions table', () => {
  it('is the table e2e/permissions.spec.ts checks, line for line', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(readme).toContain(renderPermissionsTable());
  });

  it('has one line per request and unique ids', () => {
    expect(new Set(PERMISSIONS.map((p) => p.id)).size).toBe(PERMISSIONS.length);
    expect(renderPermissionsTable().split('\n')).toHaveLength(PERMISSIONS.length + 2);
  });
});
