import { checkRow, getDocumentNorm, qaInputFromRow, type GlossaryMiss, type QaFinding, type Row } from '@/lib/model';
import type { DocumentState } from './document-state';

type Listener = () => void;

/** How long after the last change the QA panel's list is worked out again (per row it is immediate). */
const PANEL_DELAY_MS = 250;

/** A row with what its checks found, in document order, for the QA panel. */
export interface RowFindings {
  rowId: string;
  /** 1-based position of the row in the document, as the rows show it. */
  number: number;
  findings: QaFinding[];
}

/**
 * The QA checks of the page's rows, kept current as the translator types. A row's findings are worked out
 * when asked for and cached by the row object (rows are replaced, never mutated, on every change), so only
 * changed rows are checked again. The document's length norm moves only with saved changes, never per keystroke.
 * Glossary misses come from an injected function, so the checks need not know how the glossary matches.
 */
export class QaState {
  private cache = new WeakMap<Row, { typing: boolean; findings: QaFinding[] }>();
  private norm: number | null | undefined;
  private readonly rowListeners = new Map<string, Set<Listener>>();
  private readonly listListeners = new Set<Listener>();
  private list: RowFindings[] | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private glossaryMisses: (row: Row) => readonly GlossaryMiss[] = () => [];
  private readonly unsubscribe: () => void;
  private readonly unsubscribeActive: () => void;

  constructor(private readonly state: DocumentState) {
    this.unsubscribe = state.subscribeAny(() => {
      // A saved change (status, split, merge) may move the norm; typing alone does not reach here.
      this.norm = undefined;
      this.cache = new WeakMap();
      this.changed(null);
    });
    // Leaving a row settles its trailing-space check.
    this.unsubscribeActive = state.subscribeActive(() => this.changed(null));
  }

  /** Sets how a row's missing glossary renderings are found, and checks every row again. */
  setGlossary(misses: (row: Row) => readonly GlossaryMiss[]): void {
    this.glossaryMisses = misses;
    this.cache = new WeakMap();
    this.changed(null);
  }

  private getNorm(): number | null {
    if (this.norm === undefined) this.norm = getDocumentNorm(this.state.getOrder().map((id) => this.state.getRow(id)!));
    return this.norm;
  }

  /** A row's findings as it stands now (with what is being typed into it). */
  getRowFindings = (id: string): QaFinding[] => {
    const row = this.state.getRow(id);
    if (!row) return NONE;
    // In the row being typed into, a space at the very end is where the next word goes, not a finding.
    const typing = this.state.getActiveRowId() === id;
    const cached = this.cache.get(row);
    if (cached?.typing === typing) return cached.findings;
    let findings = checkRow(qaInputFromRow(row, this.glossaryMisses(row)), { norm: this.getNorm(), typing });
    if (!findings.length) findings = NONE;
    this.cache.set(row, { typing, findings });
    return findings;
  };

  /** Every row with a finding, in order; the same array until something changes. */
  getList = (): RowFindings[] => {
    if (!this.list) {
      this.list = this.state.getOrder().flatMap((rowId, i) => {
        const findings = this.getRowFindings(rowId);
        return findings.length ? [{ rowId, number: i + 1, findings }] : [];
      });
    }
    return this.list;
  };

  /** The row's text changed in the editor: check it again now, and the panel a moment later. */
  rowEdited(id: string): void {
    this.changed(id);
  }

  private changed(id: string | null): void {
    if (id) this.rowListeners.get(id)?.forEach((l) => l());
    else this.rowListeners.forEach((set) => set.forEach((l) => l()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.list = null;
      this.listListeners.forEach((l) => l());
    }, PANEL_DELAY_MS);
  }

  subscribeRow(id: string, listener: Listener): () => void {
    let set = this.rowListeners.get(id);
    if (!set) this.rowListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.rowListeners.delete(id);
    };
  }

  subscribeList = (listener: Listener): (() => void) => {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  };

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    this.unsubscribeActive();
  }
}

const NONE: QaFinding[] = [];
