'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createEditorSession, type EditorSessionOptions, type EditorUser } from '@/lib/editor/session';
import { createReviewTools } from '@/lib/editor/review-tools';
import { type BilingualDocument, type GlossaryEntry, type Note } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { MemoryDialog } from '@/components/memory/memory-dialog';
import { NotesBar } from '@/components/notes/notes-bar';
import { SelectionNoteButton } from '@/components/notes/selection-note-button';
import { PretranslateDialog } from '@/components/drafts/pretranslate-dialog';
import { ChunkView, PendingRows } from './chunk-view';
import { ApprovalDialog } from './approval-dialog';
import { ConfirmDoneDialog } from './confirm-done-dialog';
import { EditorContext } from './editor-context';
import { BulkStatus } from './bulk-status';
import { EditorTools } from './editor-tools';
import { ExportMenu } from './export-menu';
import { GlossaryTooltip } from './glossary-tooltip';
import { HeaderCollapse } from './header-collapse';
import { HeaderProgress } from './header-progress';
import { HeaderTitle } from './header-title';
import { LivePeople } from './live-people';
import { KeysHelp } from './keys-help';
import { PublishBar } from './publish-bar';
import { ReviewActions } from './review-actions';
import { ReviewContext } from './review-context';
import { RowFilterMenu } from './row-filter-menu';
import { createRowTools, RowToolsContext } from './row-tools-context';
import { SaveIndicator } from './save-indicator';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useIdleOpen } from './use-idle-open';
import { usePrefetchTools } from './lazy-tool';
import { getHashRowId, useRowHashLink } from './use-row-hash-link';
import { useUnloadGuard } from './use-unload-guard';
import { XliffImport } from './xliff-import';

/**
 * The translation editor: every row of the document on one grid, the original read-only beside the editable
 * translation and the row's notes. The editor session (lib/editor/session.ts) holds the document, saves, notes
 * and every action; this component creates it, starts it and renders it. Rows are grouped ~100 to a contained
 * wrapper; only the row being edited holds a ProseMirror view.
 */
export function DocumentEditor({
  doc,
  notes,
  user,
  glossary = [],
  eventId = null,
  arriving = null,
}: {
  doc: BilingualDocument;
  notes: Note[];
  user: EditorUser;
  /** The glossary, whose terms are underlined in the Arabic. */
  glossary?: readonly GlossaryEntry[];
  /** The document's last event id when the page read it; the live stream starts after it. */
  eventId?: number | null;
  /** The rows still on their way when `doc.rows` is a run of them (EditorLoader). */
  arriving?: EditorSessionOptions['arriving'];
}) {
  const t = useTranslations('Editor');
  const tSave = useTranslations('SaveState');
  const tOpen = useTranslations('EditorOpen');
  const describe = useErrorMessage();
  // The editor renders in the browser only (EditorLoader): the address's `#row-<id>` is known from the start.
  const [session] = useState(() => {
    const created = createEditorSession({ doc, notes, user, glossary, eventId, openAt: getHashRowId(), arriving });
    performance.mark('editor:session');
    return created;
  });
  const [review] = useState(() => createReviewTools(session));
  const [rowTools] = useState(createRowTools);
  // The grid re-renders when the filter changes; the rows do not (CSS hides them by their attributes).
  useSyncExternalStore(rowTools.filter.subscribe, rowTools.filter.get, rowTools.filter.get);
  const filterAttributes = rowTools.filter.getAttributes();
  const { rows } = session;
  const loading = useSyncExternalStore(rows.subscribeLoading, rows.getLoading, rows.getLoading);
  // Review tools follow changes across the document: they start once every row is here.
  useEffect(() => (loading.complete ? review.start() : undefined), [review, loading.complete]);
  const noChanges = () => () => undefined;
  const reviewFiltered = useSyncExternalStore(
    review.changes?.subscribe ?? noChanges,
    () => review.changes?.isFiltered() ?? false,
    () => false,
  );
  const chunks = useSyncExternalStore(rows.subscribeList, rows.getChunks, rows.getChunks);
  const lastChunk = chunks[chunks.length - 1];
  const lastId = lastChunk ? (lastChunk.ids[lastChunk.ids.length - 1] ?? null) : null;

  useEffect(() => session.start(), [session]);
  useRowHashLink(session);
  useIdleOpen(session, loading.complete);
  useEditorShortcuts(session);
  usePrefetchTools();
  useUnloadGuard(session.saves, tSave('leaveWarning'));
  useEffect(() => {
    // The rows the page opened with are in it and take a click (the benchmark's open ends with that click).
    document.documentElement.dataset.editorOpen = 'true';
    performance.mark('editor:open');
    return () => void delete document.documentElement.dataset.editorOpen;
  }, []);
  useEffect(() => {
    if (!loading.complete) return;
    // Tests wait for this: every row is here, kept edits are restored and every handler is in place.
    document.documentElement.dataset.editorReady = 'true';
    performance.mark('editor:ready');
    return () => void delete document.documentElement.dataset.editorReady;
  }, [loading.complete]);

  return (
    <EditorContext.Provider value={session}>
      <ReviewContext.Provider value={review}>
      <RowToolsContext.Provider value={rowTools}>
        <div className="editor" data-testid="editor" data-slug={doc.slug} data-role={user.role}>
          <header className="editor-header" data-testid="editor-header">
            <div className="editor-header-line">
              <HeaderTitle />
              <HeaderProgress rows={rows} />
              <SaveIndicator saves={session.saves} />
              <LivePeople live={session.live} rows={rows} onJump={session.actions.editing.jumpTo} />
            </div>
            <HeaderCollapse busy={!loading.complete}>
              <PublishBar />
              <div className="editor-actions">
                {session.can.edit && <XliffImport />}
                <MemoryDialog canImport={session.can.edit} />
                <PretranslateDialog />
                <ExportMenu slug={doc.slug} />
                <ReviewActions />
                <EditorTools onJump={session.actions.editing.jumpTo} />
                <RowFilterMenu />
                <NotesBar notes={session.notes} onAddNote={session.actions.notes.addNoteOnSelection} />
                <BulkStatus />
                <KeysHelp canEdit={session.can.edit} />
              </div>
            </HeaderCollapse>
            {loading.error && (
              <p className="form-error" role="alert" data-testid="rows-arriving-error">
                {tOpen('rest', { message: describe(loading.error) })}
              </p>
            )}
          </header>
          <div
            className="rows"
            data-testid="rows"
            {...filterAttributes}
            data-review-filter={reviewFiltered ? 'changed' : undefined}
            aria-busy={!loading.complete || undefined}
          >
            <div className="rows-head" aria-hidden="true">
              <span />
              <span>{t('source')}</span>
              <span>{t('target')}</span>
              <span>{t('notes')}</span>
            </div>
            <PendingRows count={loading.before} rows={rows} />
            {chunks.map((chunk) => (
              <ChunkView key={chunk.key} chunk={chunk} lastId={chunk === lastChunk && !loading.after ? lastId : null} rows={rows} />
            ))}
            <PendingRows count={loading.after} rows={rows} />
          </div>
          <SelectionNoteButton hasDraft={session.actions.notes.hasSelection} onAdd={session.actions.notes.addNote} />
          <GlossaryTooltip glossary={session.glossary} getRow={rows.getRow} />
          <ConfirmDoneDialog />
          <ApprovalDialog />
        </div>
      </RowToolsContext.Provider>
      </ReviewContext.Provider>
    </EditorContext.Provider>
  );
}
