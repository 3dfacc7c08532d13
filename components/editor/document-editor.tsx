'use client';

import '@/lib/editor/zod-jitless';
import { useFormatter, useTranslations } from 'next-intl';
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DocumentState, type Chunk } from '@/lib/editor/document-state';
import { GlossaryTerms } from '@/lib/editor/glossary-terms';
import { NoteHighlighter } from '@/lib/editor/highlights';
import { MemoryMatches } from '@/lib/editor/memory-matches';
import { NotesState } from '@/lib/editor/notes-state';
import { QaState } from '@/lib/editor/qa-state';
import { RowEditor, type CaretPlacement } from '@/lib/editor/row-editor';
import { SaveQueue } from '@/lib/editor/save-queue';
import { getSelectionDraft } from '@/lib/editor/selection-draft';
import {
  can,
  combineTargets,
  containsRendering,
  countSourceWords,
  getLangDir,
  getRowParagraphs,
  getSideText,
  getTargetText,
  getWordProgress,
  isTargetEmpty,
  type BilingualDocument,
  type GlossaryEntry,
  type Note,
  type Row,
  type SourceBlock,
} from '@/lib/model';
import { StatusBar } from '@/components/library/status-bar';
import { MemoryDialog } from '@/components/memory/memory-dialog';
import { NotesBar } from '@/components/notes/notes-bar';
import { SelectionNoteButton } from '@/components/notes/selection-note-button';
import { EditorTools } from './editor-tools';
import { EditorContext, type EditorActions, type EditorContextValue, type EditorUser } from './editor-context';
import { GlossaryTooltip } from './glossary-tooltip';
import { PublishBar } from './publish-bar';
import { RowView } from './row-view';
import { SaveIndicator } from './save-indicator';
import { XliffImport } from './xliff-import';

/** Estimated height of a row not yet rendered: enough lines for its longer side, at the page's type sizes. */
function estimateRowHeight(row: Row | undefined): number {
  if (!row) return 0;
  const source = row.source.reduce((n, b) => n + b.text.length, 0);
  const target = getTargetText(row.target).length;
  return 24 + Math.max(Math.ceil(source / 60) * 40, Math.ceil(target / 80) * 26, 40);
}

const ChunkView = memo(function ChunkView({ chunk, lastId, state }: { chunk: Chunk; lastId: string | null; state: DocumentState }) {
  const subscribe = useCallback((cb: () => void) => state.subscribeChunks(cb), [state]);
  const rendered = useSyncExternalStore(subscribe, () => state.isChunkRendered(chunk.key), () => state.isChunkRendered(chunk.key));
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = placeholder.current;
    if (rendered || !el) return;
    // Render a chunk a couple of screens before it scrolls into view.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && state.renderChunk(chunk.key), {
      rootMargin: '2000px 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [rendered, state, chunk.key]);
  if (!rendered) {
    const height = chunk.ids.reduce((h, id) => h + estimateRowHeight(state.getRow(id)), 0);
    return <div ref={placeholder} className="chunk chunk-placeholder" style={{ blockSize: height }} data-rows={chunk.ids.length} aria-hidden="true" />;
  }
  return (
    <div className="chunk">
      {chunk.ids.map((id) => (
        <RowView key={id} id={id} isLast={id === lastId} />
      ))}
    </div>
  );
});

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json as T;
}

/** Builds the page's objects once: document state, save queue, notes, highlights, the one row editor, actions. */
function createEditor(doc: BilingualDocument, initialNotes: Note[], user: EditorUser, glossaryEntries: readonly GlossaryEntry[]): EditorContextValue {
  const state = new DocumentState(doc);
  const queue = new SaveQueue(doc.slug, state);
  const notes = new NotesState(doc.slug, initialNotes, user.name);
  const highlighter = new NoteHighlighter();
  const glossary = new GlossaryTerms(glossaryEntries);
  const memory = new MemoryMatches(doc.slug);
  const qa = new QaState(state);
  // The QA check that agreed terms were used: only rows with English can lack a rendering.
  qa.setGlossary((row) =>
    isTargetEmpty(row.target)
      ? []
      : glossary
          .getRowEntries(row.id, getSideText(row, 'source'))
          .filter((e) => !containsRendering(getTargetText(row.target), e.rendering))
          .map((e) => ({ term: e.term, rendering: e.rendering })),
  );
  const canEdit = can(user.role, 'edit-target');
  let pendingCaret: { rowId: string; caret: CaretPlacement } | null = null;

  const activate = (rowId: string, caret: CaretPlacement) => {
    state.setMessage(rowId, null);
    pendingCaret = { rowId, caret };
    if (state.getActiveRowId() === rowId) editor.focus();
    else state.setActive(rowId);
    if (!canEdit) document.getElementById(`row-${rowId}`)?.scrollIntoView({ block: 'nearest' });
  };

  const editor: RowEditor = new RowEditor({
    change: (rowId, target, anchors) => {
      queue.edit(rowId, target, anchors);
      notes.applyMapped(rowId, anchors);
      qa.rowEdited(rowId);
    },
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
    move: (delta, caret) => {
      const current = editor.activeRowId;
      const next = current && state.getNeighbour(current, delta);
      if (next) activate(next, caret);
    },
    confirm: () => {
      const rowId = editor.activeRowId;
      if (!rowId) return;
      const content = editor.getContent(rowId) ?? state.getRow(rowId)?.target;
      if (content && !isTargetEmpty(content)) void queue.setStatus(rowId, 'translated');
      const next = state.findNextUntranslated(rowId);
      if (next) activate(next, 'start');
    },
    leave: () => {
      const rowId = editor.activeRowId;
      state.setActive(null);
      if (rowId) document.getElementById(`row-${rowId}`)?.focus();
    },
    useMatch: (index) => {
      const rowId = editor.activeRowId;
      return rowId ? actions.insertMatch(rowId, index) : false;
    },
  });

  const fail = (rowId: string, e: unknown) => state.setMessage(rowId, e instanceof Error ? e.message : String(e));

  const actions: EditorActions = {
    activate,
    insertMatch: (rowId, index) => {
      const match = memory.getMatch(rowId, index);
      return canEdit && match !== null && editor.insertText(rowId, match.entry.target);
    },
    takeCaret: (rowId) => {
      const caret = pendingCaret?.rowId === rowId ? pendingCaret.caret : 'end';
      pendingCaret = null;
      return caret;
    },
    setStatus: (rowId, status) => void queue.setStatus(rowId, status),
    split: async (rowId, sourceIndex) => {
      await queue.flush(rowId);
      const row = state.getRow(rowId);
      if (!row || queue.getRowInfo(rowId).state !== 'saved') return;
      // The translation is cut where the original is: a merged 1:1 pair comes apart as it went in.
      const targetIndex = Math.min(sourceIndex, getRowParagraphs(row.target).length);
      try {
        const { rows } = await postJson<{ rows: [Row, Row] }>(`/api/documents/${doc.slug}/rows/${rowId}/split`, {
          sourceIndex,
          targetIndex,
          baseRev: row.rev,
        });
        editor.forget(rowId);
        state.applySplit(rows[0], rows[1]);
        await notes.reload();
        activate(rowId, 'end');
      } catch (e) {
        fail(rowId, e);
      }
    },
    merge: async (rowId) => {
      const nextId = state.getNeighbour(rowId, 1);
      if (!nextId) return;
      await Promise.all([queue.flush(rowId), queue.flush(nextId)]);
      const row = state.getRow(rowId);
      const next = state.getRow(nextId);
      if (!row || !next || queue.getRowInfo(rowId).state !== 'saved' || queue.getRowInfo(nextId).state !== 'saved') return;
      try {
        const result = await postJson<{ row: Row; removedId: string }>(`/api/documents/${doc.slug}/rows/${rowId}/merge`, {
          baseRev: row.rev,
          nextBaseRev: next.rev,
        });
        editor.forget(rowId);
        editor.forget(result.removedId);
        state.applyMerge(result.row, result.removedId);
        await notes.reload();
        activate(rowId, 'end');
      } catch (e) {
        fail(rowId, e);
      }
    },
    keepMine: (rowId) => {
      void queue.keepMine(rowId);
      if (editor.activeRowId === rowId) editor.focus();
    },
    takeTheirs: (rowId) => {
      const theirs = queue.takeTheirs(rowId);
      if (theirs) editor.replaceContent(rowId, theirs.target);
      // Replacing the editor's content counts as an edit; the server already has it.
      void queue.flush(rowId);
      if (editor.activeRowId === rowId) editor.focus();
    },
    mergeByHand: (rowId) => {
      const theirs = queue.getRowInfo(rowId).theirs;
      const mine = editor.getContent(rowId) ?? state.getRow(rowId)?.target;
      if (!theirs || !mine) return;
      // The row's editor must be open for the combined text to be edited; it stays a conflict until saved.
      if (editor.activeRowId !== rowId) activate(rowId, 'end');
      const merged = combineTargets(mine, theirs.target);
      editor.replaceContent(rowId, merged);
      // Recorded as the row's pending text even if the editor view was not mounted yet; not sent while in conflict.
      queue.edit(rowId, merged);
      editor.focus();
    },
    replaceTarget: (rowId, target) => {
      const row = state.getRow(rowId);
      if (!row || !canEdit) return;
      // The editor's own copy (if the row was ever opened) takes it as an undoable step; the queue saves it.
      editor.replaceContent(rowId, target);
      queue.edit(rowId, target);
      if (editor.activeRowId !== rowId) state.setRow({ ...state.getRow(rowId)!, target });
      qa.rowEdited(rowId);
    },
    jumpTo: (rowId) => {
      if (!state.ensureRendered(rowId) && !state.getRow(rowId)) return;
      activate(rowId, 'start');
      requestAnimationFrame(() => document.getElementById(`row-${rowId}`)?.scrollIntoView({ block: 'center' }));
    },
    commentRow: (rowId, side = canEdit ? 'target' : 'source') => notes.openDraft({ rowId, side }),
    focusNote: (note, scrollTo) => {
      notes.setActive(note.id);
      highlighter.setActive(note.id);
      if (scrollTo === 'card') {
        document.getElementById(`note-${note.id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      } else {
        const range = highlighter.getRange(note.id);
        const target = range?.startContainer.parentElement ?? document.getElementById(`row-${note.rowId}-${note.side}`);
        target?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    },
  };

  return {
    state,
    queue,
    editor,
    notes,
    highlighter,
    glossary,
    memory,
    qa,
    actions,
    user,
    canEdit,
    canAlign: can(user.role, 'align'),
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
  };
}

/** Progress in the header, recounted only when a row's saved state changes. */
/**
 * Source words per row, counted once: a row's source array stays the same object while its translation and status
 * change, so the header's count after a save does not recount a 5,000-row document.
 */
const sourceWordCounts = new WeakMap<readonly SourceBlock[], number>();
function countSourceWordsOnce(source: readonly SourceBlock[]): number {
  let n = sourceWordCounts.get(source);
  if (n === undefined) sourceWordCounts.set(source, (n = countSourceWords(source)));
  return n;
}

function HeaderProgress({ ctx }: { ctx: EditorContextValue }) {
  const t = useTranslations('Editor');
  const counts = useSyncExternalStore(ctx.state.subscribeAny, ctx.state.getStatusCounts, ctx.state.getStatusCounts);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = counts.translated + counts.approved;
  const rows = useSyncExternalStore(ctx.state.subscribeAny, ctx.state.getRows, ctx.state.getRows);
  const words = useMemo(() => getWordProgress({ rows }, countSourceWordsOnce), [rows]);
  const format = useFormatter();
  return (
    <>
      <StatusBar counts={counts} total={total} label={t('progress', { done, total })} />
      <span data-testid="progress">{t('progress', { done, total })}</span>
      <span data-testid="word-progress">
        {t('words', { done: format.number(words.translatedWords), total: format.number(words.totalWords) })}
      </span>
    </>
  );
}

/**
 * The translation editor: every row of the document on one grid, the original read-only beside the editable
 * translation and the row's notes. Rows are grouped ~100 to a contained wrapper; only the row being edited holds
 * a ProseMirror view.
 */
export function DocumentEditor({
  doc,
  notes,
  user,
  glossary = [],
}: {
  doc: BilingualDocument;
  notes: Note[];
  user: EditorUser;
  /** The glossary, whose terms are underlined in the Arabic. */
  glossary?: readonly GlossaryEntry[];
}) {
  const t = useTranslations('Editor');
  const tSave = useTranslations('SaveState');
  const tr = useTranslations('Review');
  const [ctx] = useState(() => createEditor(doc, notes, user, glossary));
  const [rowFilter, setRowFilter] = useState<'all' | 'needs-changes'>('all');
  const chunks = useSyncExternalStore(ctx.state.subscribeList, ctx.state.getChunks, ctx.state.getChunks);
  const lastChunk = chunks[chunks.length - 1];
  const lastId = lastChunk ? (lastChunk.ids[lastChunk.ids.length - 1] ?? null) : null;

  const hasSelectionDraft = useCallback(() => getSelectionDraft(window.getSelection(), ctx.state.getRow) !== null, [ctx]);
  /** A note on the selected text, or on the whole active row when nothing is selected. */
  const addNote = useCallback(() => {
    const draft = getSelectionDraft(window.getSelection(), ctx.state.getRow);
    if (draft) return ctx.notes.openDraft(draft);
    const active = ctx.state.getActiveRowId();
    if (active) ctx.actions.commentRow(active);
  }, [ctx]);

  useEffect(() => {
    const { queue, editor, highlighter, glossary, state, memory } = ctx;
    queue.restore();
    // The memory is asked about each row that becomes active.
    const unsubscribeActive = state.subscribeActive(() => void memory.load(state.getActiveRowId()));
    // A link to a row (#row-<id>) opens the page at that row, rendering its chunk first.
    const goToHash = () => {
      const id = /^#row-([a-z0-9]+)$/.exec(window.location.hash)?.[1];
      if (!id || !state.ensureRendered(id)) return;
      requestAnimationFrame(() => document.getElementById(`row-${id}`)?.scrollIntoView({ block: 'center' }));
    };
    goToHash();
    window.addEventListener('hashchange', goToHash);
    const onOnline = () => void queue.flushAll();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!queue.hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = tSave('leaveWarning');
    };
    const onKeyDown = (e: KeyboardEvent) => {
      // Ctrl+Alt+M, as in Google Docs and Word: comment on the selection.
      if (e.code === 'KeyM' && e.altKey && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        addNote();
      }
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('keydown', onKeyDown, true);
    document.documentElement.dataset.editorReady = 'true';
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('hashchange', goToHash);
      document.removeEventListener('keydown', onKeyDown, true);
      delete document.documentElement.dataset.editorReady;
      unsubscribeActive();
      memory.destroy();
      queue.destroy();
      ctx.qa.destroy();
      editor.destroy();
      highlighter.destroy();
      glossary.destroy();
    };
  }, [ctx, tSave, addNote]);

  return (
    <EditorContext.Provider value={ctx}>
      <div className="editor" data-testid="editor" data-slug={doc.slug} data-role={user.role}>
        <header className="editor-header">
          <h1 lang={doc.sourceLang} dir={getLangDir(doc.sourceLang)}>
            {doc.title}
          </h1>
          <div className="editor-header-line">
            <HeaderProgress ctx={ctx} />
            <SaveIndicator queue={ctx.queue} />
          </div>
          <PublishBar slug={doc.slug} />
          <div className="editor-actions">
            {ctx.canEdit && <XliffImport slug={doc.slug} />}
            <MemoryDialog canImport={ctx.canEdit} />
            <EditorTools onJump={ctx.actions.jumpTo} />
          </div>
          <NotesBar notes={ctx.notes} rowFilter={rowFilter} onRowFilter={setRowFilter} onAddNote={addNote} />
          <p className="keys-help">{ctx.canEdit ? t('keys') : tr('readOnly')}</p>
        </header>
        <div className="rows" data-testid="rows" data-filter={rowFilter}>
          <div className="rows-head" aria-hidden="true">
            <span />
            <span>{t('source')}</span>
            <span>{t('target')}</span>
            <span>{t('notes')}</span>
          </div>
          {chunks.map((chunk) => (
            <ChunkView key={chunk.key} chunk={chunk} lastId={chunk === lastChunk ? lastId : null} state={ctx.state} />
          ))}
        </div>
        <SelectionNoteButton hasDraft={hasSelectionDraft} onAdd={addNote} />
        <GlossaryTooltip glossary={ctx.glossary} getRow={ctx.state.getRow} />
      </div>
    </EditorContext.Provider>
  );
}
