import type { TargetDoc } from '@/lib/model';

/** An edit the server has not acknowledged yet, and the revision it was made on. */
export interface KeptEdit {
  target: TargetDoc;
  baseRev: number;
}

/**
 * Unsaved edits kept in localStorage, one key per row, until the server acknowledges them, so a reload, a
 * crash or a closed laptop loses nothing. Storage failures (private mode, quota) are ignored: saving to the
 * server still works.
 */
export class PendingStore {
  private readonly prefix: string;

  constructor(slug: string) {
    this.prefix = `bilingual-editor:pending:${slug}:`;
  }

  private get storage(): Storage | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
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

  /** Every kept edit of this document. Entries that do not parse are dropped. */
  entries(): [string, KeptEdit][] {
    const storage = this.storage;
    if (!storage) return [];
    const out: [string, KeptEdit][] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(this.prefix)) continue;
      try {
        const value = JSON.parse(storage.getItem(key) ?? '') as KeptEdit;
        if (value && typeof value.baseRev === 'number' && value.target?.type === 'doc') out.push([key.slice(this.prefix.length), value]);
      } catch {
        // A broken entry cannot be restored; leave it for inspection rather than guess.
      }
    }
    return out;
  }
}
