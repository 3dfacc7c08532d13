'use client';

import '@/lib/editor/zod-jitless';
import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createEditorSession, type EditorUser } from '@/lib/editor/session';
import { getLangDir, type BilingualDocument, type GlossaryEntry, type Note } from '@/lib/model';
import { MemoryDialog } from '@/components/memory/memory-dialog';
import { NotesBar } from '@/components/notes/notes-bar';
import { SelectionNoteButton } from '@/components/notes/selection-note-button';
import { ChunkView } from './chunk-view';
import { EditorContext } from './editor-context';
import { EditorTools } from './editor-tools';
import { GlossaryTooltip } from './glossary-tooltip';
import { HeaderProgress } from './header-progress';
import { PublishBar } from './publish-bar';
import { SaveIndicator } from './save-indicator';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useIdleOpen } from './use-idle-open';
import { useRowHashLink } from './use-row-hash-link';
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
  const [session] = useState(() => createEditorSession({ doc, notes, user, glossary }));
  const [rowFilter, setRowFilter] = useState<'all' | 'needs-changes'>('all');
  const { rows } = session;
  const chunks = useSyncExternalStore(rows.subscribeList, rows.getChunks, rows.getChunks);
  const lastChunk = chunks[chunks.length - 1];
  const lastId = lastChunk ? (lastChunk.ids[lastChunk.ids.length - 1] ?? null) : null;

  useEffect(() => session.start(), [session]);
  useRowHashLink(session);
  useIdleOpen(session);
  useEditorShortcuts(session);
  useUnloadGuard(session.saves, tSave('leaveWarning'));
  useEffect(() => {
    // Tests and the benchmark wait for this: kept edits are restored and every handler is in place.
    document.documentElement.dataset.editorReady = 'true';
    return () => void delete document.documentElement.dataset.editorReady;
  }, []);

  return (
    <EditorContext.Provider value={session}>
      <div className="editor" data-testid="editor" data-slug={doc.slug} data-role={user.role}>
        <header className="editor-header">
          <h1 lang={doc.sourceLang} dir={getLangDir(doc.sourceLang)}>
            {doc.title}
          </h1>
          <div className="editor-header-line">
            <HeaderProgress rows={rows} />
            <SaveIndicator saves={session.saves} />
          </div>
          <PublishBar />
          <div className="editor-actions">
            {session.can.edit && <XliffImport />}
            <MemoryDialog canImport={session.can.edit} />
            <EditorTools onJump={session.actions.editing.jumpTo} />
          </div>
          <NotesBar notes={session.notes} rowFilter={rowFilter} onRowFilter={setRowFilter} onAddNote={session.actions.notes.addNote} />
          <p className="keys-help">{session.can.edit ? t('keys') : tr('readOnly')}</p>
        </header>
        <div className="rows" data-testid="rows" data-filter={rowFilter}>
          <div className="rows-head" aria-hidden="true">
            <span />
            <span>{t('source')}</span>
            <span>{t('target')}</span>
            <span>{t('notes')}</span>
          </div>
          {chunks.map((chunk) => (
            <ChunkView key={chunk.key} chunk={chunk} lastId={chunk === lastChunk ? lastId : null} rows={rows} />
          ))}
        </div>
        <SelectionNoteButton hasDraft={session.actions.notes.hasSelection} onAdd={session.actions.notes.addNote} />
        <GlossaryTooltip glossary={session.glossary} getRow={rows.getRow} />
      </div>
    </EditorContext.Provider>
  );
}
