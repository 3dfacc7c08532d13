import { api, toApiError, type ApiClient } from '@/lib/client';
import {
  can,
  combineTargets,
  containsRendering,
  getRowParagraphs,
  getSideText,
  getTargetText,
  getTextRev,
  isSameJson,
  isTargetEmpty,
  withFindingIgnored,
  type BilingualDocument,
  type GlossaryEntry,
  type Note,
  type NoteSide,
  type QaFinding,
  type Role,
  type Row,
  type RowStatus,
  type TargetDoc,
} from '@/lib/model';
import { ApprovalGuard } from './approval-guard';
import { DocumentState, type TextChange, type TextOrigin } from './document-state';
import { GlossaryTerms } from './glossary-terms';
import { NoteHighlighter } from './highlights';
import { LiveDocument, type RemoteRowOutcome } from './live';
import { MemoryMatches } from './memory-matches';
import { MtSuggestions } from './mt-suggestions';
import { NotesState } from './notes-state';
import { domPageView, type PageView } from './page-view';
import { QaState } from './qa-state';
import { LazyRowEditor } from './lazy-row-editor';
import { Repetitions } from './repetitions';
import { yieldToBrowser, type RowBatch } from './row-blocks';
import type { CaretPlacement, RowEditorCommand } from './row-editor';
import { SaveQueue } from './save-queue';
import { getSelectionDraft } from './selection-draft';

/** The signed-in person, as the editor needs to know them. */
export interface EditorUser {
  name: string;
  role: Role;
}

/** What the person may do here, from the role table (`can`). */
export interface EditorPermissions {
  /** Change the English (translators and editors). */
  edit: boolean;
  /** Split and merge rows. */
  align: boolean;
  publish: boolean;
  deleteAnyNote: boolean;
}

/** Typing and moving between rows. */
export interface EditingActions {
  /** Makes a row the active one; for people who may edit, its editor opens with the caret at `caret`. */
  activate(rowId: string, caret: CaretPlacement): void;
  /** The caret placement asked for by the last activate, taken once by the row that mounts the editor. */
  takeCaret(rowId: string): CaretPlacement;
  /** Leaves the active row (Escape): the focus goes to the row itself. */
  leave(): void;
  /** Goes to the previous (-1) or next (+1) row. */
  move(delta: -1 | 1, caret: CaretPlacement): void;
  /** Marks the active row translated (when it has English) and goes to the next untranslated row (Ctrl+Enter). */
  confirm(): void;
  setStatus(rowId: string, status: RowStatus): void;
  /** Replaces a row's translation from outside the editor (find and replace), saved as any edit. */
  replaceTarget(rowId: string, target: TargetDoc): void;
  /** Runs a formatting or history command on the active row (toolbar buttons). */
  run(command: RowEditorCommand): boolean;
  /** Shows a row: renders its chunk, scrolls to it and makes it the active row. */
  jumpTo(rowId: string): void;
  /** Renders a row's chunk and scrolls to it, without making it active (a link to #row-<id>). */
  reveal(rowId: string): void;
}

/** Changing how rows are aligned. */
export interface AlignmentActions {
  /**
   * Splits a row before its source block `sourceIndex` (and its translation before paragraph `targetIndex`, by
   * default as many paragraphs as source blocks), after its pending edits are saved. Answers the two rows, or
   * null when the split did not happen.
   */
  split(rowId: string, sourceIndex: number, targetIndex?: number): Promise<[Row, Row] | null>;
  /** Merges a row with the next one, after both rows' pending edits are saved. */
  merge(rowId: string): Promise<void>;
}

/** The three ways out of a row whose save met a newer version. */
export interface ConflictActions {
  /** Saves what was typed over their version. */
  keepMine(rowId: string): void;
  /** Drops what was typed and takes their version (an undoable step in the row's editor). */
  takeTheirs(rowId: string): void;
  /** Puts both versions into the row's editor, mine first, to be edited into one and saved with keepMine. */
  mergeByHand(rowId: string): void;
}

/** Notes, as the page starts and shows them (the notes' own changes are NotesState's). */
export interface NoteActions {
  /** Starts a note on the whole row, on the side the person works on unless given. */
  commentRow(rowId: string, side?: NoteSide): void;
  /** Starts a note on the selected text, or on the whole active row when nothing is selected. */
  addNote(): void;
  /** Starts a note on the selected text; false (and nothing opens) when no text in one cell is selected. */
  addNoteOnSelection(): boolean;
  /** True when the page's selection lies inside one cell, so a note can be made on it. */
  hasSelection(): boolean;
  /** Shows a note: marks it and its highlight, scrolls its card or its text into view. */
  focusNote(note: Note, scrollTo: 'card' | 'text'): void;
}

/** A row about to be marked done while a quality check finds an error in it. */
export interface ConfirmRequest {
  rowId: string;
  status: RowStatus;
  /** The error-level findings (ignored ones left out). */
  errors: QaFinding[];
  /** Carries the change out (and, for Ctrl+Enter, goes on to the next row). */
  proceed(): void;
}

/** Acting on quality findings. */
export interface QaActions {
  /**
   * Ignores a finding in a row (kept in the document, shown as ignored) or takes the choice back. Unsaved edits
   * of the row are saved first; a failure shows on the row.
   */
  ignore(rowId: string, finding: QaFinding, ignore: boolean): Promise<void>;
  /**
   * Who is asked before a row with an error-level finding is marked translated or approved (Ctrl+Enter or the
   * status control); without one the change goes ahead. Answers a function that unsets it.
   */
  askBeforeConfirm(ask: (request: ConfirmRequest) => void): () => void;
}

/** The translation memory's matches of the active row. */
export interface MemoryActions {
  /** Inserts match number `index` into the row (Ctrl+1…3 or a click); false when there is none or no editor. */
  insertMatch(rowId: string, index: number): boolean;
}

/** Drafts from outside the keyboard: machine translation and the glossary's renderings (Ctrl+0, Alt+1…9). */
export interface DraftActions {
  /** Inserts the row's machine translation as one undoable step; false when there is none or no editor. */
  insertMt(rowId: string): boolean;
  /** The glossary entries of a row's original, numbered in this order for Alt+1…9. */
  getRowTerms(rowId: string): GlossaryEntry[];
  /** Inserts the rendering of the row's term number `index` at the caret; false when there is none or no editor. */
  insertTerm(rowId: string, index: number): boolean;
  /**
   * Takes rows the server filled or emptied for this person (a pre-translation, its undo, filled repetitions):
   * shown at once in rows with nothing unsaved, the active one too; a row with unsaved text gets a conflict.
   */
  applyServerRows(rows: readonly Row[]): void;
}

/**
 * Changes other people made, as the document's live events bring them (lib/editor/live.ts). The session decides
 * what each means here.
 */
export interface RemoteInputs {
  /**
   * A row someone else saved. Applied at once to a row with nothing unsaved that is not being edited (a change
   * of status alone always applies, keeping what is typed: its text revision is the one this page has); a row
   * being edited or with unsaved text gets a conflict at once, with their version.
   */
  applyRow(row: Row): RemoteRowOutcome;
  /** A note someone else added or changed. */
  applyNote(note: Note): void;
  /** A note someone else deleted. */
  removeNote(noteId: string): void;
}

export interface EditorSessionOptions {
  doc: BilingualDocument;
  notes: Note[];
  /** The glossary, whose terms are underlined in the Arabic and checked in the English. */
  glossary?: readonly GlossaryEntry[];
  user: EditorUser;
  /** The API; the app's client by default, a client over a fake fetch in tests. */
  client?: ApiClient;
  /** Where unsaved edits are kept; localStorage by default. */
  storage?: () => Storage | null;
  /** The id of the document's last event when the page's data was read: the live stream starts after it. */
  eventId?: number | null;
  /** Whether to open the live stream on start; where the page has EventSource by default. */
  live?: boolean;
  /** False when the browser knows it is offline; navigator.onLine by default. */
  isOnline?: () => boolean;
  /** Scrolling, focus and the network; the real page by default. */
  view?: PageView;
  /** The row the page opens at (a `#row-<id>` link): its neighbours are rendered first. */
  openAt?: string | null;
  /**
   * The rows still on their way when the page opened with a run of them (`doc.rows`; see readOpening): how
   * many come before and after, and the batches as they arrive, read once the session starts.
   */
  arriving?: { before: number; after: number; rest: AsyncIterable<RowBatch<Row>> } | null;
}

/**
 * The editor's composition root, without React: everything one open document needs while its page lives, and
 * every action on it, grouped by job. A page creates one, calls `start` once it is mounted, and disposes it.
 *
 * Each row's current text has one owner, `rows` (the DocumentState), whose TextChange event is the only writer
 * of everything that follows the text: the save queue and the browser's copy, the notes' ranges, the checks.
 * The row editor is where typing happens; text from anywhere else (find and replace, a conflict's answer, a
 * restored edit, someone else's save) goes through the editor's state for the row when it holds one, so it is
 * an undoable step and notes map through it, and straight to the owner otherwise.
 */
export interface EditorSession {
  readonly slug: string;
  readonly title: string;
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly user: EditorUser;
  readonly can: EditorPermissions;

  /** The rows: order in chunks, the active row, each row's current text (the one owner), failed actions. */
  readonly rows: DocumentState;
  /** Saving: per-row state, the page's summary, retries, conflicts, the browser's copy of unsaved edits. */
  readonly saves: SaveQueue;
  /** The notes by row, the notes column's filter, the focused note, the note being written. */
  readonly notes: NotesState;
  /** The quality checks per row, and the list for the panel. */
  readonly qa: QaState;
  /** The glossary's terms found in each row's Arabic. */
  readonly glossary: GlossaryTerms;
  /** The translation memory's matches for the active row. */
  readonly memory: MemoryMatches;
  /** Whether machine translation is configured, and its suggestion for the active row. */
  readonly mt: MtSuggestions;
  /** Rows repeating one original, and the offer to fill them when one is confirmed. */
  readonly repetitions: Repetitions;
  /** The notes' highlights. */
  readonly highlighter: NoteHighlighter;
  /** The one ProseMirror view, mounted in the row being edited. */
  /** The one row editor; its code (ProseMirror) arrives after the page opens (see LazyRowEditor). */
  readonly editor: LazyRowEditor;
  /** Other people's changes as they happen, and who is on the document where. */
  readonly live: LiveDocument;
  /** Asks once before typing changes an approved row. */
  readonly approval: ApprovalGuard;

  readonly actions: {
    readonly editing: EditingActions;
    readonly alignment: AlignmentActions;
    readonly conflicts: ConflictActions;
    readonly notes: NoteActions;
    readonly memory: MemoryActions;
    readonly qa: QaActions;
    readonly drafts: DraftActions;
  };
  /** Where other people's changes come in. */
  readonly remote: RemoteInputs;

  /** Every change of a row's text, whatever its origin, once it is the row's text. */
  subscribeText(listener: (change: TextChange) => void): () => void;
  /**
   * Starts the session once its page is mounted: restores edits kept in the browser (the first time), follows
   * the active row and the network. Answers `dispose`; starting again after it resumes the saves.
   */
  start(): () => void;
  /** Stops timers, requests, highlights and the editor with the page. */
  dispose(): void;
}

/** How often rows arriving after the page opened are put into it (see `receive`). */
const ARRIVAL_FLUSH_MS = 150;

export function createEditorSession(options: EditorSessionOptions): EditorSession {
  const { doc, user } = options;
  const client = options.client ?? api;
  const view = options.view ?? domPageView();
  const rows = new DocumentState(doc, options.openAt, options.arriving ?? undefined);
  const saves = new SaveQueue(doc.slug, rows, client, { storage: options.storage, isOnline: options.isOnline });
  const notes = new NotesState(doc.slug, options.notes, user.name, client);
  const highlighter = new NoteHighlighter();
  const glossary = new GlossaryTerms(options.glossary ?? []);
  const memory = new MemoryMatches(doc.slug, client);
  const mt = new MtSuggestions(doc.slug, client);
  const repetitions = new Repetitions(doc.slug, rows, user.name, client, (filled) => drafts.applyServerRows(filled));
  const qa = new QaState(rows);
  const approval = new ApprovalGuard(rows.getRow);
  const permissions: EditorPermissions = {
    edit: can(user.role, 'edit-target'),
    align: can(user.role, 'align'),
    publish: can(user.role, 'publish'),
    deleteAnyNote: can(user.role, 'delete-any-note'),
  };
  // The check that agreed terms were used: only rows with English can lack a rendering.
  qa.setGlossary((row) =>
    isTargetEmpty(row.target)
      ? []
      : glossary
          .getRowEntries(row.id, getSideText(row, 'source'))
          .filter((e) => !containsRendering(getTargetText(row.target), e.rendering))
          .map((e) => ({ term: e.term, rendering: e.rendering })),
  );

  // What follows a row's text, in this order: its save, its notes' ranges, its checks.
  rows.subscribeText((change) => {
    if (change.origin !== 'remote') saves.textChanged(change.rowId, change.anchors);
    // An emptied row's next text is a new first draft, typed unless something is inserted again.
    if (isTargetEmpty(change.target)) saves.hintDraft(change.rowId, null);
    if (change.anchors) notes.applyMapped(change.rowId, change.anchors);
    qa.rowEdited(change.rowId);
  });

  let pendingCaret: { rowId: string; caret: CaretPlacement } | null = null;

  const editor: LazyRowEditor = new LazyRowEditor({
    change: (rowId, target, anchors, origin) => rows.setText(rowId, target, { origin, anchors }),
    anchorsFor: (rowId) =>
      notes
        .getRowNotes(rowId)
        .filter((n) => n.side === 'target' && n.position && !n.detached)
        .map((n) => ({ noteId: n.id, start: n.position!.start, end: n.position!.end })),
    rendered: (rowId, dom, anchors) => {
      const shown = new Set(notes.getRowNotes(rowId).filter((n) => notes.isShown(n)).map((n) => n.id));
      highlighter.setCell(
        `${rowId}:target`,
        dom,
        anchors.filter((a) => !a.detached && shown.has(a.noteId)).map((a) => ({ noteId: a.noteId, start: a.start!, end: a.end! })),
      );
    },
    move: (delta, caret) => editing.move(delta, caret),
    confirm: () => editing.confirm(),
    leave: () => editing.leave(),
    mayType: (rowId, retry) => approval.mayType(rowId, retry),
    useMatch: (index) => {
      const rowId = editor.activeRowId;
      return rowId ? memoryActions.insertMatch(rowId, index) : false;
    },
    useMt: () => {
      const rowId = editor.activeRowId;
      return rowId ? drafts.insertMt(rowId) : false;
    },
    useTerm: (index) => {
      const rowId = editor.activeRowId;
      return rowId ? drafts.insertTerm(rowId, index) : false;
    },
  });

  /**
   * Text from anywhere but the keyboard: through the row's editor state when it holds one, else straight to
   * the owner. Either way it arrives as one TextChange.
   */
  const write = (rowId: string, target: TargetDoc, origin: Exclude<TextOrigin, 'editor'>) => {
    if (!editor.applyText(rowId, target, origin)) rows.setText(rowId, target, { origin });
  };

  const fail = (rowId: string, e: unknown) => rows.setRowError(rowId, toApiError(e));

  let askBeforeConfirm: ((request: ConfirmRequest) => void) | null = null;
  /** Marking a row done with an error-level finding in it is asked about first, when someone asks. */
  const guardDone = (rowId: string, status: RowStatus, proceed: () => void) => {
    if (askBeforeConfirm && (status === 'translated' || status === 'approved')) {
      const errors = qa.getRowFindings(rowId).filter((f) => f.severity === 'error' && f.check !== 'untranslated');
      if (errors.length) return askBeforeConfirm({ rowId, status, errors, proceed });
    }
    proceed();
  };

  const editing: EditingActions = {
    activate: (rowId, caret) => {
      rows.setRowError(rowId, null);
      pendingCaret = { rowId, caret };
      if (rows.getActiveRowId() === rowId) editor.focus();
      else rows.setActive(rowId);
      if (!permissions.edit) view.scrollToRow(rowId, 'nearest');
    },
    takeCaret: (rowId) => {
      const caret = pendingCaret?.rowId === rowId ? pendingCaret.caret : 'end';
      pendingCaret = null;
      return caret;
    },
    leave: () => {
      const rowId = editor.activeRowId;
      rows.setActive(null);
      if (rowId) view.focusRow(rowId);
    },
    move: (delta, caret) => {
      const current = editor.activeRowId;
      const next = current && rows.getNeighbour(current, delta);
      if (next) editing.activate(next, caret);
    },
    confirm: () => {
      const rowId = editor.activeRowId;
      if (!rowId) return;
      const row = rows.getRow(rowId);
      const advance = () => {
        const next = rows.findNextUntranslated(rowId);
        if (next) editing.activate(next, 'start');
      };
      if (!row || isTargetEmpty(row.target)) return advance();
      guardDone(rowId, 'translated', () => {
        void saves.setStatus(rowId, 'translated');
        advance();
      });
    },
    setStatus: (rowId, status) => guardDone(rowId, status, () => void saves.setStatus(rowId, status)),
    replaceTarget: (rowId, target) => {
      if (!rows.getRow(rowId) || !permissions.edit) return;
      write(rowId, target, 'replace');
    },
    run: (command) => editor.run(command),
    jumpTo: (rowId) => {
      if (!rows.ensureRendered(rowId) && !rows.getRow(rowId)) return;
      editing.activate(rowId, 'start');
      view.nextFrame(() => view.scrollToRow(rowId, 'center'));
    },
    reveal: (rowId) => {
      if (!rows.ensureRendered(rowId)) return;
      view.nextFrame(() => view.scrollToRow(rowId, 'center'));
    },
  };

  const alignment: AlignmentActions = {
    split: async (rowId, sourceIndex, cutAt) => {
      await saves.flush(rowId);
      const row = rows.getRow(rowId);
      if (!row || saves.getRowInfo(rowId).state !== 'saved') return null;
      // The translation is cut where the original is: a merged 1:1 pair comes apart as it went in.
      const targetIndex = Math.min(cutAt ?? sourceIndex, getRowParagraphs(row.target).length);
      try {
        const { rows: parts } = await client.splitRow(doc.slug, rowId, { sourceIndex, targetIndex, baseRev: row.rev });
        editor.forget(rowId);
        rows.applySplit(parts[0], parts[1]);
        await notes.reload();
        editing.activate(rowId, 'end');
        return parts;
      } catch (e) {
        fail(rowId, e);
        return null;
      }
    },
    merge: async (rowId) => {
      const nextId = rows.getNeighbour(rowId, 1);
      if (!nextId) return;
      await Promise.all([saves.flush(rowId), saves.flush(nextId)]);
      const row = rows.getRow(rowId);
      const next = rows.getRow(nextId);
      if (!row || !next || saves.getRowInfo(rowId).state !== 'saved' || saves.getRowInfo(nextId).state !== 'saved') return;
      try {
        const result = await client.mergeRows(doc.slug, rowId, { baseRev: row.rev, nextBaseRev: next.rev });
        editor.forget(rowId);
        editor.forget(result.removedId);
        rows.applyMerge(result.row, result.removedId);
        await notes.reload();
        editing.activate(rowId, 'end');
      } catch (e) {
        fail(rowId, e);
      }
    },
  };

  const conflicts: ConflictActions = {
    keepMine: (rowId) => {
      void saves.keepMine(rowId);
      if (editor.activeRowId === rowId) editor.focus();
    },
    takeTheirs: (rowId) => {
      const theirs = saves.takeTheirs(rowId);
      if (theirs) {
        rows.applySaved(theirs);
        write(rowId, theirs.target, 'theirs');
      }
      // Taking their text counts as an edit, which the server has already: it answers without a new revision.
      void saves.flush(rowId);
      if (editor.activeRowId === rowId) editor.focus();
    },
    mergeByHand: (rowId) => {
      const theirs = saves.getRowInfo(rowId).theirs;
      const mine = rows.getRow(rowId)?.target;
      if (!theirs || !mine) return;
      // The row's editor must be open for the combined text to be edited; it stays a conflict until saved.
      if (editor.activeRowId !== rowId) editing.activate(rowId, 'end');
      write(rowId, combineTargets(mine, theirs.target), 'merge-by-hand');
      editor.focus();
    },
  };

  const noteActions: NoteActions = {
    commentRow: (rowId, side = permissions.edit ? 'target' : 'source') => notes.openDraft({ rowId, side }),
    addNote: () => {
      const draft = getSelectionDraft(view.getSelection(), rows.getRow);
      if (draft) return notes.openDraft(draft);
      const active = rows.getActiveRowId();
      if (active) noteActions.commentRow(active);
    },
    addNoteOnSelection: () => {
      const draft = getSelectionDraft(view.getSelection(), rows.getRow);
      if (draft) notes.openDraft(draft);
      return draft !== null;
    },
    hasSelection: () => getSelectionDraft(view.getSelection(), rows.getRow) !== null,
    focusNote: (note, scrollTo) => {
      notes.setActive(note.id);
      highlighter.setActive(note.id);
      view.scrollToNote(note, scrollTo, scrollTo === 'text' ? highlighter.getRange(note.id) : null);
    },
  };

  const memoryActions: MemoryActions = {
    insertMatch: (rowId, index) => {
      const match = memory.getMatch(rowId, index);
      if (!permissions.edit || !match) return false;
      const wasEmpty = isRowEmpty(rowId);
      const done = editor.insertText(rowId, match.entry.target);
      if (done && wasEmpty) saves.hintDraft(rowId, { kind: 'memory', score: match.score });
      return done;
    },
  };

  const isRowEmpty = (rowId: string) => {
    const row = rows.getRow(rowId);
    return !!row && isTargetEmpty(row.target);
  };

  const drafts: DraftActions = {
    insertMt: (rowId) => {
      const suggestion = mt.getSuggestion(rowId);
      if (!permissions.edit || !suggestion) return false;
      const wasEmpty = isRowEmpty(rowId);
      const done = editor.insertTarget(rowId, suggestion.target);
      if (done && wasEmpty) saves.hintDraft(rowId, { kind: 'mt', provider: suggestion.provider, ...(suggestion.model && { model: suggestion.model }) });
      return done;
    },
    getRowTerms: (rowId) => {
      const row = rows.getRow(rowId);
      return row ? glossary.getRowEntries(rowId, getSideText(row, 'source')) : [];
    },
    insertTerm: (rowId, index) => {
      const entry = drafts.getRowTerms(rowId)[index];
      return permissions.edit && !!entry && editor.insertText(rowId, entry.rendering);
    },
    applyServerRows: (list) => {
      for (const row of list) {
        const current = rows.getRow(row.id);
        if (!current || row.rev <= current.rev) continue;
        if (saves.isRowUnsaved(row.id)) {
          saves.conflictWith(row.id, row);
          continue;
        }
        rows.applySaved(row);
        write(row.id, row.target, 'remote');
      }
    },
  };

  const qaActions: QaActions = {
    ignore: async (rowId, finding, ignore) => {
      await saves.flush(rowId);
      const row = rows.getRow(rowId);
      if (!row || !permissions.edit) return;
      try {
        const saved = await client.saveRow(doc.slug, rowId, { qaIgnored: withFindingIgnored(row.qaIgnored, finding, ignore) ?? [], baseRev: row.rev });
        rows.applySaved(saved);
      } catch (e) {
        fail(rowId, e);
      }
    },
    askBeforeConfirm: (ask) => {
      askBeforeConfirm = ask;
      return () => {
        if (askBeforeConfirm === ask) askBeforeConfirm = null;
      };
    },
  };

  const remote: RemoteInputs = {
    applyRow: (row) => {
      const current = rows.getRow(row.id);
      if (!current || row.rev <= current.rev) return 'ignored';
      // Their text is the one this page has (a status change, or the same words): nothing typed is in question.
      if (getTextRev(row) <= getTextRev(current) || isSameJson(row.target, current.target)) {
        rows.applySaved(row);
        return 'applied';
      }
      // Words typed here and not yet saved: theirs and mine are both shown at once. A row merely open, with
      // nothing unsaved, takes their text in its editor as one undoable step: there is nothing to choose between.
      if (saves.isRowUnsaved(row.id)) {
        saves.conflictWith(row.id, row);
        return 'conflict';
      }
      rows.applySaved(row);
      write(row.id, row.target, 'remote');
      return 'applied';
    },
    applyNote: (note) => notes.applyRemote(note),
    removeNote: (noteId) => notes.removeRemote(noteId),
  };

  const live = new LiveDocument(
    {
      slug: doc.slug,
      userName: user.name,
      applyRow: remote.applyRow,
      applyNote: remote.applyNote,
      removeNote: remote.removeNote,
      applySplit: (row, newRow) => {
        if (saves.isRowUnsaved(row.id)) return false;
        editor.forget(row.id);
        rows.applySplit(row, newRow);
        return true;
      },
      applyMerge: (row, removedId) => {
        if (saves.isRowUnsaved(row.id) || saves.isRowUnsaved(removedId)) return false;
        editor.forget(row.id);
        editor.forget(removedId);
        rows.applyMerge(row, removedId);
        return true;
      },
      getOrder: () => rows.getOrder(),
      isRowUnsaved: (rowId) => saves.isRowUnsaved(rowId),
      reloadNotes: () => notes.reload(),
      hasRow: (rowId) => rows.getRow(rowId) !== undefined,
      getActiveRowId: rows.getActiveRowId,
      subscribeActive: rows.subscribeActive,
      onOnline: (fn) => view.onOnline(fn),
      onOffline: (fn) => view.onOffline?.(fn) ?? (() => undefined),
    },
    client,
    options.eventId ?? null,
  );
  const useLive = options.live ?? typeof EventSource !== 'undefined';

  /**
   * Takes the rest of the rows as they arrive, then says the document is complete (once, however often it
   * starts). Blocks are put in a few at a time: every change of the row list has the page recount and re-check
   * what follows it.
   */
  let receiving = false;
  const receive = async (rest: AsyncIterable<RowBatch<Row>>) => {
    let after: Row[] = [];
    // Blocks before the rows here come from the nearest back: each goes in front of the one before it.
    let before: Row[][] = [];
    let flushed = performance.now();
    const flush = () => {
      if (after.length) rows.addRows(after, 'after');
      if (before.length) rows.addRows(before.reverse().flat(), 'before');
      after = [];
      before = [];
      flushed = performance.now();
    };
    try {
      for await (const batch of rest) {
        if (batch.where === 'after') after.push(...batch.rows);
        else before.push(batch.rows);
        if (performance.now() - flushed >= ARRIVAL_FLUSH_MS) {
          // A task of its own: the page re-renders the row list for them at once, after reading a block or two.
          await yieldToBrowser();
          flush();
          await yieldToBrowser();
        }
      }
      flush();
      rows.finishLoading();
    } catch (e) {
      flush();
      rows.finishLoading(toApiError(e));
    }
  };

  let restored = false;
  let detach: (() => void) | null = null;
  // Stops everything that runs on its own; `start` can run again after it (React runs a page's effects twice
  // in development), so the session's own wiring (its text listener, the checks' subscriptions) stays.
  const stop = () => {
    detach?.();
    detach = null;
    memory.destroy();
    mt.destroy();
    repetitions.stop();
    saves.pause();
    qa.destroy();
    editor.destroy();
    highlighter.destroy();
    glossary.destroy();
  };
  const start = () => {
    if (restored) saves.resume();
    // A page opens before all its rows are here only when the browser kept no edits of it (EditorLoader): there
    // is nothing to restore, and a restore later would take this page's own typing for an earlier visit's.
    else if (rows.getLoading().complete) saves.restore((id, target) => write(id, target, 'restore'));
    restored = true;
    if (options.arriving && !receiving) {
      receiving = true;
      void receive(options.arriving.rest);
    }
    // The memory is asked about each row that becomes active.
    const unsubscribeActive = rows.subscribeActive(() => {
      void memory.load(rows.getActiveRowId());
      // Machine translation is for the people who may use it; asking costs the provider a request.
      if (permissions.edit) void mt.load(rows.getActiveRowId());
    });
    if (permissions.edit) void mt.loadStatus();
    const unsubscribeOnline = view.onOnline(() => void saves.flushAll());
    // What works over the whole document waits for every row: repetitions are found across it, and the live
    // stream (which replays what happened since the page was read) applies changes to any row.
    let stopLive: (() => void) | null = null;
    let whole = false;
    const startWhole = () => {
      if (whole || !rows.getLoading().complete) return;
      whole = true;
      repetitions.start();
      stopLive = useLive ? live.start() : null;
    };
    const unsubscribeLoading = rows.subscribeLoading(startWhole);
    startWhole();
    detach = () => {
      unsubscribeActive();
      unsubscribeOnline();
      unsubscribeLoading();
      stopLive?.();
    };
    return stop;
  };

  return {
    slug: doc.slug,
    title: doc.title,
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    user,
    can: permissions,
    rows,
    saves,
    notes,
    qa,
    glossary,
    memory,
    mt,
    repetitions,
    highlighter,
    editor,
    live,
    approval,
    actions: { editing, alignment, conflicts, notes: noteActions, memory: memoryActions, qa: qaActions, drafts },
    remote,
    subscribeText: rows.subscribeText,
    start,
    dispose: stop,
  };
}
