import {
  checkRow,
  getNormOfRatios,
  getRowLengthRatio,
  isFindingIgnored,
  qaInputFromRow,
  type GlossaryMiss,
  type QaFinding,
  type Row,
} from '@/lib/model';
import type { DocumentState } from './document-state';
import { whenIdle } from './idle-slices';
import { RowListeners } from './row-listeners';

type Listener = () => void;

/** How long after the last change the QA panel's list is worked out again (per row it is immediate). */
const LIST_DELAY_MS = 250;
/** Milliseconds of checks per slice when the whole list is worked out, so a 20,000-row document never blocks typing. */
const SLICE_MS = 10;

/** A row with what its checks found, in document order, for the QA panel. */
export interface RowFindings {
  rowId: string;
  /** 1-based position of the row in the document, as the rows show it. */
  number: number;
  findings: QaFinding[];
  /** Findings someone chose to leave as they are in this row: kept, shown as ignored. */
  ignored: QaFinding[];
}

interface Cached {
  typing: boolean;
  norm: number | null;
  findings: QaFinding[];
  ignored: QaFinding[];
}

/**
 * The QA checks of the page's rows, kept current as the translator types. Rows are replaced, never mutated, on
 * every change, so findings and length ratios are cached by row object and only changed rows are checked again;
 * the document's length norm is the median of the cached ratios. The whole list (for the panel and the header
 * count) is worked out in slices after load and after changes, never in one long task. Glossary misses come from
 * an injected function, so the checks need not know how the glossary matches.
 */
export class QaState {
  private readonly cache = new WeakMap<Row, Cached>();
  private readonly ratios = new WeakMap<Row, number | null>();
  private norm: number | null | undefined;
  private readonly rowListeners = new RowListeners();
  private readonly listListeners = new Set<Listener>();
  private list: RowFindings[] | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  private glossaryMisses: (row: Row) => readonly GlossaryMiss[] = () => [];
  constructor(private readonly state: DocumentState) {
    // The state belongs to the same page as these checks and goes with them: no need to unsubscribe.
    state.subscribeAny(() => {
      // A saved change (status, split, merge) may move the norm; typing alone does not reach here.
      this.norm = undefined;
      this.changed(null);
    });
    // Leaving a row settles its trailing-space check.
    state.subscribeActive(() => this.changed(null));
  }

  /** Sets how a row's missing glossary renderings are found. */
  setGlossary(misses: (row: Row) => readonly GlossaryMiss[]): void {
    this.glossaryMisses = misses;
  }

  private getNorm(): number | null {
    if (this.norm === undefined) {
      const ratios = this.state.getOrder().map((id) => {
        const row = this.state.getRow(id)!;
        let ratio = this.ratios.get(row);
        if (ratio === undefined) this.ratios.set(row, (ratio = getRowLengthRatio(row)));
        return ratio;
      });
      this.norm = getNormOfRatios(ratios);
    }
    return this.norm;
  }

  /** A row's findings as it stands now (with what is being typed into it), less those ignored in the row. */
  getRowFindings = (id: string): QaFinding[] => this.getRowChecks(id).findings;

  /** A row's findings that were ignored in it (see lib/model/qa-ignore.ts). */
  getRowIgnored = (id: string): QaFinding[] => this.getRowChecks(id).ignored;

  private getRowChecks(id: string): Cached {
    const row = this.state.getRow(id);
    if (!row) return EMPTY;
    // In the row being typed into, a space at the very end is where the next word goes, not a finding.
    const typing = this.state.getActiveRowId() === id;
    const norm = this.getNorm();
    const cached = this.cache.get(row);
    if (cached && cached.typing === typing && cached.norm === norm) return cached;
    const all = checkRow(qaInputFromRow(row, this.glossaryMisses(row)), { norm, typing });
    let findings = all.filter((f) => !isFindingIgnored(f, row.qaIgnored));
    let ignored = findings.length === all.length ? NONE : all.filter((f) => isFindingIgnored(f, row.qaIgnored));
    if (!findings.length) findings = NONE;
    // The same arrays while nothing changed, so rows subscribed to them do not re-render.
    if (cached && sameFindings(cached.findings, findings)) findings = cached.findings;
    if (cached && sameFindings(cached.ignored, ignored)) ignored = cached.ignored;
    const next = { typing, norm, findings, ignored };
    this.cache.set(row, next);
    return next;
  }

  /** Every row with a finding, in order, or null while it is being worked out; the same array until it changes. */
  getList = (): RowFindings[] | null => this.list;

  /** The row's text changed in the editor: check it again now, and the list a moment later. */
  rowEdited(id: string): void {
    this.changed(id);
  }

  private changed(id: string | null): void {
    if (id) this.rowListeners.notify(id);
    else this.rowListeners.notifyAll();
    this.scheduleList(LIST_DELAY_MS);
  }

  private scheduleList(delay: number): void {
    if (!this.listListeners.size) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.buildList();
    }, delay);
  }

  /** Works out the list in slices, yielding between them; a newer change abandons an older run. */
  private async buildList(): Promise<void> {
    const run = ++this.run;
    const order = this.state.getOrder();
    const out: RowFindings[] = [];
    // Each slice in an idle moment of the page: the list is for the panel and a count, never in front of a click.
    for (let k = 0; k < order.length; ) {
      await new Promise<void>((resolve) => whenIdle(resolve));
      if (run !== this.run) return;
      const until = performance.now() + SLICE_MS;
      for (const end = order.length; k < end && (k % 20 !== 0 || performance.now() < until); k++) {
        const { findings, ignored } = this.getRowChecks(order[k]!);
        if (findings.length || ignored.length) out.push({ rowId: order[k]!, number: this.state.getRowNumber(order[k]!), findings, ignored });
      }
    }
    if (run !== this.run) return;
    this.list = out;
    this.listListeners.forEach((l) => l());
  }

  subscribeRow(id: string, listener: Listener): () => void {
    return this.rowListeners.add(id, listener);
  }

  /** Subscribes to the list; the first subscriber starts working it out. */
  subscribeList = (listener: Listener): (() => void) => {
    this.listListeners.add(listener);
    if (!this.list && !this.timer) this.scheduleList(0);
    return () => this.listListeners.delete(listener);
  };

  /** Stops the list being worked out (the page is going); the next change starts it again. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.run++;
  }
}

const NONE: QaFinding[] = [];
const EMPTY: Cached = { typing: false, norm: null, findings: NONE, ignored: NONE };

function sameFindings(a: readonly QaFinding[], b: readonly QaFinding[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
