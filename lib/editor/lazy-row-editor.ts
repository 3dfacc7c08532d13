import type { TargetDoc } from '@/lib/model';
import type { TextOrigin } from './document-state';
import type { CaretPlacement, RowEditor, RowEditorCallbacks, RowEditorCommand } from './row-editor';

/** What the session and the rows use of the row editor (RowEditor's API, with a mount that returns nothing). */
export interface RowEditorHandle {
  readonly activeRowId: string | null;
  mount(container: HTMLElement, rowId: string, target: TargetDoc, caret: CaretPlacement): void;
  refreshAnchors(rowId: string): void;
  unmount(): void;
  forget(rowId: string): void;
  applyText(rowId: string, target: TargetDoc, origin: Exclude<TextOrigin, 'editor'>): boolean;
  insertText(rowId: string, text: string): boolean;
  insertTarget(rowId: string, target: TargetDoc): boolean;
  getSelectedText(): string;
  run(name: RowEditorCommand): boolean;
  focus(): void;
  confirm(): void;
  destroy(): void;
}

let rowEditorModule: Promise<typeof import('./row-editor')> | undefined;

/**
 * Fetches the row editor's code (ProseMirror and the plugins); the same promise every time. The editor page
 * starts it beside the rows, so the first click finds it here.
 */
export function loadRowEditor(): Promise<typeof import('./row-editor')> {
  return (rowEditorModule ??= import('./row-editor'));
}

interface PendingMount {
  container: HTMLElement;
  rowId: string;
  target: TargetDoc;
  caret: CaretPlacement;
}

/**
 * The row editor with its code (ProseMirror and the plugins) out of the page's first load: the module is
 * fetched while the page opens (loadRowEditor), or at the first mount at the latest. Until it has
 * arrived there is no view and no kept state, so every command answers as the editor does with nothing
 * mounted (false, nothing done), and a text put into the row meanwhile is what the view opens with.
 */
export class LazyRowEditor implements RowEditorHandle {
  private editor: RowEditor | null = null;
  private loading: Promise<void> | null = null;
  private pending: PendingMount | null = null;

  constructor(private readonly callbacks: RowEditorCallbacks) {}

  /** Fetches the editor's code now (idempotent); the promise settles when it is ready. */
  preload(): Promise<void> {
    this.loading ??= loadRowEditor().then(
      ({ RowEditor }) => {
        this.editor = new RowEditor(this.callbacks);
        const pending = this.pending;
        this.pending = null;
        if (pending) this.editor.mount(pending.container, pending.rowId, pending.target, pending.caret);
      },
      (error: unknown) => {
        // A failed fetch (offline on a cold cache): the next mount tries again.
        rowEditorModule = undefined;
        this.loading = null;
        this.pending = null;
        console.error(error);
      },
    );
    return this.loading;
  }

  get activeRowId(): string | null {
    return this.editor ? this.editor.activeRowId : (this.pending?.rowId ?? null);
  }

  mount(container: HTMLElement, rowId: string, target: TargetDoc, caret: CaretPlacement): void {
    if (this.editor) {
      this.editor.mount(container, rowId, target, caret);
      return;
    }
    this.pending = { container, rowId, target, caret };
    void this.preload();
  }

  refreshAnchors(rowId: string): void {
    this.editor?.refreshAnchors(rowId);
  }

  unmount(): void {
    this.pending = null;
    this.editor?.unmount();
  }

  forget(rowId: string): void {
    if (this.pending?.rowId === rowId) this.pending = null;
    this.editor?.forget(rowId);
  }

  applyText(rowId: string, target: TargetDoc, origin: Exclude<TextOrigin, 'editor'>): boolean {
    if (this.editor) return this.editor.applyText(rowId, target, origin);
    // No state is kept yet: the caller writes the text to its owner, and the view opens with it.
    if (this.pending?.rowId === rowId) this.pending.target = target;
    return false;
  }

  insertText(rowId: string, text: string): boolean {
    return this.editor?.insertText(rowId, text) ?? false;
  }

  insertTarget(rowId: string, target: TargetDoc): boolean {
    return this.editor?.insertTarget(rowId, target) ?? false;
  }

  getSelectedText(): string {
    return this.editor?.getSelectedText() ?? '';
  }

  run(name: RowEditorCommand): boolean {
    return this.editor?.run(name) ?? false;
  }

  focus(): void {
    this.editor?.focus();
  }

  confirm(): void {
    this.editor?.confirm();
  }

  destroy(): void {
    this.pending = null;
    this.editor?.destroy();
  }
}
