import type { Row } from '@/lib/model';

type Listener = () => void;

/** The question the page shows: the row about to be edited, and what answering does. */
export interface ApprovalQuestion {
  rowId: string;
}

/**
 * Editing an approved row asks once ("this row is approved; editing sends it back to review"): the first change
 * typed into an approved row is held back and the question asked; "edit" lets it through and every later change
 * of that row while the page lives, "cancel" drops it. Text put in from outside (replace, restore, a conflict's
 * answer) is not asked about here: those say what they change themselves.
 */
export class ApprovalGuard {
  private readonly allowed = new Set<string>();
  private question: ApprovalQuestion | null = null;
  private retry: (() => void) | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly getRow: (id: string) => Row | undefined) {}

  /** Whether typing may change the row now; when not, the question is asked and `retry` waits for the answer. */
  mayType(rowId: string, retry: () => void): boolean {
    if (this.getRow(rowId)?.status !== 'approved' || this.allowed.has(rowId)) return true;
    this.retry = retry;
    if (this.question?.rowId !== rowId) {
      this.question = { rowId };
      this.notify();
    }
    return false;
  }

  /** The open question, if any. */
  getQuestion = (): ApprovalQuestion | null => this.question;

  /** Edit anyway: the held change goes through and the row is not asked about again. */
  confirm(): void {
    if (!this.question) return;
    this.allowed.add(this.question.rowId);
    const retry = this.retry;
    this.close();
    retry?.();
  }

  /** Do not edit: the held change is dropped. */
  cancel(): void {
    this.close();
  }

  private close(): void {
    this.question = null;
    this.retry = null;
    this.notify();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}
