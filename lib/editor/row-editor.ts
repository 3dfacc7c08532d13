import { toggleMark } from 'prosemirror-commands';
import { closeHistory, history, redo, undo } from 'prosemirror-history';
import { Fragment, Node as PMNode, Slice } from 'prosemirror-model';
import { EditorState, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { isTargetEmpty, type TargetDoc } from '@/lib/model';
import type { TextOrigin } from './document-state';
import { buildKeymaps, type RowNavigation } from './keymap';
import { getMappedAnchors, notesPlugin, setAnchors, toPMAnchors, type MappedAnchor } from './notes-plugin';
import { targetSchema } from './schema';
import { textOffsetToPos } from './text-offsets';

/** A note's range in a row's translation, as text offsets. */
export interface TextAnchor {
  noteId: string;
  start: number;
  end: number;
}

/** What the host learns from the editor, and what it tells it. */
export interface RowEditorCallbacks extends RowNavigation {
  /**
   * The row's translation changed (not called for selection-only changes): typed (`editor`), or put in from
   * outside through applyText. `anchors` are the notes' ranges mapped through the change, when the row's view
   * is mounted (a kept state's ranges are set afresh when it mounts again).
   */
  change(rowId: string, target: TargetDoc, anchors: MappedAnchor[] | undefined, origin: TextOrigin): void;
  /** The notes anchored in a row's translation, as they stand now. */
  anchorsFor(rowId: string): TextAnchor[];
  /** The editor's DOM was updated: redraw the row's highlights from the mapped ranges. */
  rendered(rowId: string, dom: HTMLElement, anchors: MappedAnchor[]): void;
  /**
   * Asked before typing changes a row (not for text put in from outside): false holds the change back, and
   * `retry` applies it later if the row's text is still what it was (an approved row asks first).
   */
  mayType?(rowId: string, retry: () => void): boolean;
}

/** Commands the row toolbar can run on the active row. */
export type RowEditorCommand = 'bold' | 'italic' | 'undo' | 'redo';

const COMMANDS = {
  bold: toggleMark(targetSchema.marks.bold!),
  italic: toggleMark(targetSchema.marks.italic!),
  undo,
  redo,
} as const;

/** Transaction meta: where a change that did not come from the keyboard came from. */
const ORIGIN = 'bilingual-editor:origin';

/**
 * Where the caret goes when a row opens: its start or end, a text offset in the translation (a click, read from
 * the static text before the editor replaced it), or a point on the screen.
 */
export type CaretPlacement = 'start' | 'end' | { offset: number } | { x: number; y: number } | null;

/**
 * One ProseMirror view, mounted in whichever row is being edited; every other row is static DOM. Each row keeps
 * its own EditorState (and so its undo history) in a map for as long as the page lives, so leaving a row and
 * coming back keeps undo. Measured in TOOLCHAIN.md: a single small view keeps typing flat at 5,000+ rows.
 *
 * It does not own the row's text (the document state does): it is where typing happens and where a row's undo
 * history lives. Every change it makes is reported through `change`, and a change from elsewhere reaches a row
 * it holds a state for only through applyText, so its states always hold the rows' current text.
 */
export class RowEditor {
  private view: EditorView | null = null;
  private rowId: string | null = null;
  private readonly states = new Map<string, EditorState>();

  constructor(private readonly callbacks: RowEditorCallbacks) {}

  /** The row being edited, if any. */
  get activeRowId(): string | null {
    return this.rowId;
  }

  private createState(target: TargetDoc): EditorState {
    return EditorState.create({
      doc: PMNode.fromJSON(targetSchema, target),
      plugins: [history(), notesPlugin([]), ...buildKeymaps(this.callbacks)],
    });
  }

  /** Mounts the editor for `rowId` inside `container`, reusing the row's kept state when there is one. */
  mount(container: HTMLElement, rowId: string, target: TargetDoc, caret: CaretPlacement): EditorView {
    this.unmount();
    const state = this.states.get(rowId) ?? this.createState(target);
    this.rowId = rowId;
    const view = new EditorView(container, {
      state,
      attributes: { class: 'pm-editor', spellcheck: 'true', 'aria-multiline': 'true', role: 'textbox' },
      handleDOMEvents: {
        // Typing, pasting and deleting are asked about before the browser changes the text, so the page never
        // shows a change the editor's state refused. Typed characters are put in once the answer is yes.
        beforeinput: (_view, event) => {
          const mayType = this.callbacks.mayType;
          if (!mayType) return false;
          const data = event.inputType === 'insertText' ? event.data : null;
          const retry = () => {
            if (this.view === view && data) view.dispatch(view.state.tr.insertText(data));
          };
          if (mayType(rowId, retry)) return false;
          event.preventDefault();
          return true;
        },
      },
      dispatchTransaction: (tr) => {
        if (tr.docChanged && originOf(tr) === 'editor' && this.callbacks.mayType) {
          const retry = () => {
            if (this.view === view && view.state.doc === tr.before) view.dispatch(tr);
          };
          if (!this.callbacks.mayType(rowId, retry)) return;
        }
        const next = view.state.apply(tr);
        view.updateState(next);
        this.states.set(rowId, next);
        if (tr.docChanged) {
          const anchors = getMappedAnchors(next);
          this.callbacks.change(rowId, next.doc.toJSON() as TargetDoc, anchors, originOf(tr));
          this.callbacks.rendered(rowId, view.dom, anchors);
        }
      },
    });
    this.view = view;
    this.refreshAnchors(rowId);
    this.placeCaret(caret);
    view.focus();
    return view;
  }

  private placeCaret(caret: CaretPlacement): void {
    const view = this.view;
    if (!view || caret === null) return;
    let selection: Selection;
    if (caret === 'start') selection = Selection.atStart(view.state.doc);
    else if (caret === 'end') selection = Selection.atEnd(view.state.doc);
    else if ('offset' in caret) selection = TextSelection.near(view.state.doc.resolve(textOffsetToPos(view.state.doc, caret.offset)));
    else {
      const hit = view.posAtCoords({ left: caret.x, top: caret.y });
      selection = hit ? TextSelection.near(view.state.doc.resolve(hit.pos)) : Selection.atEnd(view.state.doc);
    }
    view.dispatch(view.state.tr.setSelection(selection));
  }

  /**
   * Re-reads the notes anchored in the active row (one was added or removed) and redraws their highlights.
   * Kept states of other rows pick the anchors up when they are mounted again.
   */
  refreshAnchors(rowId: string): void {
    const view = this.view;
    if (!view || this.rowId !== rowId) return;
    view.dispatch(setAnchors(view.state, toPMAnchors(view.state, this.callbacks.anchorsFor(rowId))));
    this.callbacks.rendered(rowId, view.dom, getMappedAnchors(view.state));
  }

  /** Destroys the view; the row's state is kept for the next mount. */
  unmount(): void {
    if (this.view && this.rowId) this.states.set(this.rowId, this.view.state);
    this.view?.destroy();
    this.view = null;
    this.rowId = null;
  }

  /** Forgets a row's kept state, e.g. after a split or merge changed its content on the server. */
  forget(rowId: string): void {
    if (this.rowId === rowId) this.unmount();
    this.states.delete(rowId);
  }

  /**
   * Puts a text that did not come from the keyboard into a row it holds a state for, as one step (undoable,
   * except someone else's saved change), and reports it through `change` with its origin. False when the editor
   * holds nothing for the row: the caller writes the text straight to its owner then.
   */
  applyText(rowId: string, target: TargetDoc, origin: Exclude<TextOrigin, 'editor'>): boolean {
    const content = PMNode.fromJSON(targetSchema, target).content;
    const stamp = (tr: Transaction) => {
      tr.setMeta(ORIGIN, origin);
      // Someone else's change is not one of this person's steps to undo.
      if (origin === 'remote') tr.setMeta('addToHistory', false);
      return tr;
    };
    if (this.view && this.rowId === rowId) {
      const { state } = this.view;
      this.view.dispatch(stamp(state.tr.replaceWith(0, state.doc.content.size, content)));
      return true;
    }
    const kept = this.states.get(rowId);
    if (!kept) return false;
    const next = kept.apply(stamp(kept.tr.replaceWith(0, kept.doc.content.size, content)));
    this.states.set(rowId, next);
    this.callbacks.change(rowId, next.doc.toJSON() as TargetDoc, undefined, origin);
    return true;
  }

  /**
   * Inserts plain text (a translation-memory match) into the active row as one undoable step, which then saves
   * like typing: an empty row takes it as its whole content; otherwise it replaces the selection, at the caret.
   * Blank lines make paragraphs and single newlines line breaks, as in the memory's plain text.
   */
  insertText(rowId: string, text: string): boolean {
    const view = this.view;
    if (!view || this.rowId !== rowId || !text.trim()) return false;
    const { state } = view;
    const paragraphs = text.split(/\n{2,}/).map((p) =>
      targetSchema.nodes.paragraph!.create(
        null,
        p.split('\n').flatMap((line, i) => [...(i ? [targetSchema.nodes.hard_break!.create()] : []), ...(line ? [targetSchema.text(line)] : [])]),
      ),
    );
    const empty = isTargetEmpty(state.doc.toJSON() as TargetDoc);
    let tr = closeHistory(state.tr);
    if (empty) {
      tr = tr.replaceWith(0, state.doc.content.size, paragraphs);
      tr = tr.setSelection(Selection.atEnd(tr.doc));
    } else {
      // Open on both sides, so a single paragraph lands inline at the caret and several split the paragraph there.
      tr = tr.replaceSelection(new Slice(Fragment.from(paragraphs), 1, 1));
    }
    view.dispatch(closeHistory(tr).scrollIntoView());
    view.focus();
    return true;
  }

  /**
   * Inserts a formatted translation (a machine translation, with its bold and italic) into the active row as one
   * undoable step: an empty row takes it whole; otherwise it replaces the selection, at the caret.
   */
  insertTarget(rowId: string, target: TargetDoc): boolean {
    const view = this.view;
    if (!view || this.rowId !== rowId || isTargetEmpty(target)) return false;
    const { state } = view;
    const content = PMNode.fromJSON(targetSchema, target).content;
    let tr = closeHistory(state.tr);
    if (isTargetEmpty(state.doc.toJSON() as TargetDoc)) {
      tr = tr.replaceWith(0, state.doc.content.size, content);
      tr = tr.setSelection(Selection.atEnd(tr.doc));
    } else {
      tr = tr.replaceSelection(new Slice(content, 1, 1));
    }
    view.dispatch(closeHistory(tr).scrollIntoView());
    view.focus();
    return true;
  }

  /** The text selected in the active row's editor ('' when none), e.g. a term's rendering. */
  getSelectedText(): string {
    const view = this.view;
    if (!view || view.state.selection.empty) return '';
    const { from, to } = view.state.selection;
    return view.state.doc.textBetween(from, to, ' ');
  }

  /** Runs a named formatting or history command on the active row (toolbar buttons). */
  run(name: RowEditorCommand): boolean {
    const view = this.view;
    if (!view) return false;
    const done = COMMANDS[name](view.state, view.dispatch, view);
    view.focus();
    return done;
  }

  /** Puts the keyboard focus back into the active row's editor. */
  focus(): void {
    this.view?.focus();
  }

  /** Confirms the active row, as Ctrl+Enter does. */
  confirm(): void {
    if (this.view) this.callbacks.confirm();
  }

  /** Tears everything down with the page. */
  destroy(): void {
    this.unmount();
    this.states.clear();
  }
}

function originOf(tr: Transaction): TextOrigin {
  return (tr.getMeta(ORIGIN) as TextOrigin | undefined) ?? 'editor';
}
