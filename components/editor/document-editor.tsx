'use client';

import { useTranslations } from 'next-intl';
import { memo, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { DocumentState, type Chunk } from '@/lib/editor/document-state';
import { RowEditor, type CaretPlacement } from '@/lib/editor/row-editor';
import { SaveQueue } from '@/lib/editor/save-queue';
import { countByStatus, getLangDir, getRowParagraphs, isTargetEmpty, type BilingualDocument, type Row } from '@/lib/model';
import { StatusBar } from '@/components/library/status-bar';
import { EditorContext, type EditorActions, type EditorContextValue } from './editor-context';
import { RowView } from './row-view';
import { SaveIndicator } from './save-indicator';

const ChunkView = memo(function ChunkView({ chunk, lastId }: { chunk: Chunk; lastId: string | null }) {
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

/** Builds the page's objects once: the document state, the save queue, the one row editor, and the actions. */
function createEditor(doc: BilingualDocument): EditorContextValue {
  const state = new DocumentState(doc);
  const queue = new SaveQueue(doc.slug, state);
  let pendingCaret: { rowId: string; caret: CaretPlacement } | null = null;

  const activate = (rowId: string, caret: CaretPlacement) => {
    state.setMessage(rowId, null);
    pendingCaret = { rowId, caret };
    if (state.getActiveRowId() === rowId) editor.focus();
    else state.setActive(rowId);
  };

  const editor: RowEditor = new RowEditor({
    change: (rowId, target) => queue.edit(rowId, target),
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
  });

  const fail = (rowId: string, e: unknown) => state.setMessage(rowId, e instanceof Error ? e.message : String(e));

  const actions: EditorActions = {
    activate,
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
        activate(rowId, 'end');
      } catch (e) {
        fail(rowId, e);
      }
    },
    keepMine: (rowId) => void queue.keepMine(rowId),
    takeTheirs: (rowId) => {
      const theirs = queue.takeTheirs(rowId);
      if (theirs) editor.replaceContent(rowId, theirs.target);
      // Replacing the editor's content counts as an edit; the server already has it.
      void queue.flush(rowId);
    },
    getRowError: (rowId) => state.getMessage(rowId),
  };

  return { state, queue, editor, actions, sourceLang: doc.sourceLang, targetLang: doc.targetLang };
}

/** Progress in the header, recounted only when a row's saved state changes. */
function HeaderProgress({ ctx }: { ctx: EditorContextValue }) {
  const t = useTranslations('Editor');
  const version = useSyncExternalStore(ctx.state.subscribeAny, ctx.state.getVersion, ctx.state.getVersion);
  const counts = useMemo(() => countByStatus(ctx.state.getStatuses()), [ctx, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = counts.translated + counts.approved;
  return (
    <>
      <StatusBar counts={counts} total={total} label={t('progress', { done, total })} />
      <span data-testid="progress">{t('progress', { done, total })}</span>
    </>
  );
}

/**
 * The translation editor: every row of the document on one grid, the original read-only beside the editable
 * translation. Rows are grouped ~100 to a contained wrapper; only the row being edited holds a ProseMirror view.
 */
export function DocumentEditor({ doc }: { doc: BilingualDocument }) {
  const t = useTranslations('Editor');
  const tSave = useTranslations('SaveState');
  const [ctx] = useState(() => createEditor(doc));
  const chunks = useSyncExternalStore(ctx.state.subscribeList, ctx.state.getChunks, ctx.state.getChunks);
  const lastChunk = chunks[chunks.length - 1];
  const lastId = lastChunk ? (lastChunk.ids[lastChunk.ids.length - 1] ?? null) : null;

  useEffect(() => {
    const { queue, editor } = ctx;
    queue.restore();
    const onOnline = () => void queue.flushAll();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!queue.hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = tSave('leaveWarning');
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.documentElement.dataset.editorReady = 'true';
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
      delete document.documentElement.dataset.editorReady;
      queue.destroy();
      editor.destroy();
    };
  }, [ctx, tSave]);

  return (
    <EditorContext.Provider value={ctx}>
      <div className="editor" data-testid="editor" data-slug={doc.slug}>
        <header className="editor-header">
          <h1 lang={doc.sourceLang} dir={getLangDir(doc.sourceLang)}>
            {doc.title}
          </h1>
          <div className="editor-header-line">
            <HeaderProgress ctx={ctx} />
            <SaveIndicator queue={ctx.queue} />
          </div>
          <p className="keys-help">{t('keys')}</p>
        </header>
        <div className="rows" data-testid="rows">
          <div className="rows-head" aria-hidden="true">
            <span />
            <span>{t('source')}</span>
            <span>{t('target')}</span>
          </div>
          {chunks.map((chunk) => (
            <ChunkView key={chunk.key} chunk={chunk} lastId={chunk === lastChunk ? lastId : null} />
          ))}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
