import { open, readFile, stat } from 'node:fs/promises';
import { parseHistoryLines, parseWith, rowRevisionSchema, type RowRevision } from '@/lib/model';

/**
 * A document's row history as JSON lines (one revision a line), only ever appended to. A line cut off by a crash
 * is skipped when read, and the next append starts on a fresh line, so one torn write never spoils a later one.
 */
export class HistoryFile {
  /** Per row, the highest revision recorded: whether a row's state before a change still needs recording. */
  private recorded: Map<string, number> | null = null;
  /** Whether the file is known to end with a newline (checked once, before the first append). */
  private endsClean = false;

  constructor(
    readonly file: string,
    private readonly label: string,
  ) {}

  /** Every revision in the file, in the order written; bad lines skipped (and reported once on the console). */
  async read(): Promise<RowRevision[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const { revisions, skipped } = parseHistoryLines(text);
    if (skipped) console.warn(`${this.label}: skipped ${skipped} line(s) that are not revisions (a write cut off by a crash?)`);
    return revisions;
  }

  /** The highest revision recorded of each row (read from the file once, then kept up to date by appends). */
  async getRecorded(): Promise<Map<string, number>> {
    if (!this.recorded) {
      const map = new Map<string, number>();
      for (const r of await this.read()) map.set(r.rowId, Math.max(map.get(r.rowId) ?? 0, r.rev));
      this.recorded = map;
    }
    return this.recorded;
  }

  /**
   * Appends revisions as one write. Not fsynced: the document itself is (the history is written after it), a process
   * that dies keeps what it wrote in the system's cache, and a revision lost to a power cut comes back as the row's
   * baseline at its next change; a second fsync per save would double a save's wait for the disk.
   */
  async append(revisions: readonly RowRevision[]): Promise<void> {
    if (!revisions.length) return;
    let prefix = '';
    if (!this.endsClean) {
      const size = await stat(this.file).then((s) => s.size, () => 0);
      if (size > 0) {
        const handle = await open(this.file, 'r');
        try {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        } finally {
          await handle.close();
        }
      }
    }
    // Through the schema: lines in its key order, whoever built the revision.
    const text = prefix + revisions.map((r) => JSON.stringify(parseWith(rowRevisionSchema, r, this.label, 'invalid'))).join('\n') + '\n';
    const handle = await open(this.file, 'a');
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    this.endsClean = true;
    if (this.recorded) for (const r of revisions) this.recorded.set(r.rowId, Math.max(this.recorded.get(r.rowId) ?? 0, r.rev));
  }

  /** Forgets what it knew of the file (it was replaced or removed from outside). */
  reset(): void {
    this.recorded = null;
    this.endsClean = false;
  }
}
