import type { TargetDoc } from '@/lib/model';

/** An edit the server has not acknowledged yet, and the revision it was made on. */
export interface KeptEdit {
  target: TargetDoc;
  baseRev: number;
}

/**
 * The check of a kept edit (kept-edit.ts, with zod): loaded only when a document has kept edits, by
 * `prepareKeptEdits` before the editor starts, so the page of a document with none never fetches the validator.
 */
let checkKeptEdit: ((value: unknown) => KeptEdit | null) | null = null;

/** True when the browser keeps unsaved edits of this document from an earlier visit (or another tab). */
export function hasKeptEdits(slug: string, getStorage: () => Storage | null = browserStorage): boolean {
  return new PendingStore(slug, getStorage).hasEntries();
}

/** Loads the check of kept edits when this document has any; the editor awaits it before restoring them. */
export async function prepareKeptEdits(slug: string, getStorage: () => Storage | null = browserStorage): Promise<void> {
  if (checkKeptEdit || !hasKeptEdits(slug, getStorage)) return;
  checkKeptEdit = (await import('./kept-edit')).checkKeptEdit;
}

/**
 * Unsaved edits kept in localStorage, one key per row, until the server acknowledges them, so a reload, a
 * crash or a closed laptop loses nothing. Storage failures (private mode, quota) are ignored: saving to the
 * server still works.
 */
export class PendingStore {
  private readonly prefix: string;

  /** `getStorage` defaults to the browser's localStorage; tests pass their own. */
  constructor(
    slug: string,
    private readonly getStorage: () => Storage | null = browserStorage,
  ) {
    this.prefix = `bilingual-editor:pending:${slug}:`;
  }

  private get storage(): Storage | null {
    try {
      return this.getStorage();
    } catch {
      return null;
    }
  }

  put(rowId: string, edit: KeptEdit): void {
    try {
      this.storage?.setItem(this.prefix + rowId, JSON.stringify(edit));
    } catch {
      // Quota or privacy mode: the server copy is still the one that counts.
    }
  }

  remove(rowId: string): void {
    try {
      this.storage?.removeItem(this.prefix + rowId);
    } catch {
      // See put().
    }
  }

  /** Whether this document has kept edits (their keys only: nothing is read or checked). */
  hasEntries(): boolean {
    const storage = this.storage;
    if (!storage) return false;
    for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(this.prefix)) return true;
    return false;
  }

  /** Every kept edit of this document. Entries that do not parse are dropped. */
  entries(): [string, KeptEdit][] {
    const storage = this.storage;
    if (!storage) return [];
    const check = checkKeptEdit;
    // Kept edits are never dropped for want of their check: prepareKeptEdits comes first.
    if (!check && this.hasEntries()) throw new Error('kept edits read before prepareKeptEdits loaded their check');
    const out: [string, KeptEdit][] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(this.prefix)) continue;
      try {
        // Browser storage is outside the app's control (other tabs, old versions, hand edits): validate it.
        const value = check!(JSON.parse(storage.getItem(key) ?? ''));
        if (value) out.push([key.slice(this.prefix.length), value]);
      } catch {
        // A broken entry cannot be restored; leave it for inspection rather than guess.
      }
    }
    return out;
  }
}

/** localStorage where there is one (not on the server, and it may throw in privacy modes). */
function browserStorage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}
