'use client';

import { useTranslations } from 'next-intl';
import { lazy, startTransition, Suspense, useEffect, useState } from 'react';
import { api } from '@/lib/client';
import { loadRowEditor } from '@/lib/editor/lazy-row-editor';
import { prepareKeptEdits } from '@/lib/editor/pending-store';
import { collectBlocks } from '@/lib/editor/row-blocks';
import type { EditorUser } from '@/lib/editor/session';
import { getLangDir, type BilingualDocument, type GlossaryEntry, type Note, type Row } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';

// The editor's code is a chunk of its own, fetched while the rows arrive (the row editor's too, for the first
// click): the page's first load is this loader.
const loadEditor = () => import('./document-editor');
const DocumentEditor = lazy(() => loadEditor().then((m) => ({ default: m.DocumentEditor })));

/** The document without its rows: what the page itself carries. */
export type DocumentHead = Omit<BilingualDocument, 'rows'>;

/**
 * Opens the editor: the page carries the document's fields, notes and glossary; the rows come once, from
 * `GET /api/documents/:slug/rows` (a block at a time, read in slices so a long document never holds the page in
 * one long task), while the editor's code loads beside them. Until both are here it shows the title and that the
 * document is opening.
 */
export function EditorLoader({
  doc,
  notes,
  user,
  glossary,
  eventId = null,
}: {
  doc: DocumentHead;
  notes: Note[];
  user: EditorUser;
  glossary: readonly GlossaryEntry[];
  /** The document's last event id when the page was read; the live stream starts after it. */
  eventId?: number | null;
}) {
  const t = useTranslations('EditorOpen');
  const describe = useErrorMessage();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    // User timing marks: the bench reads them (and so can anyone in the browser's Performance panel).
    performance.mark('editor:hydrated');
    void loadEditor().then(() => performance.mark('editor:code'));
    void loadRowEditor().then(() => performance.mark('editor:row-editor-code'), () => undefined);
    void (async () => {
      try {
        // Edits kept in the browser from an earlier visit need their check's code before the editor restores them.
        const [, loaded] = await Promise.all([prepareKeptEdits(doc.slug), api.streamRows(doc.slug, controller.signal).then((blocks) => collectBlocks(blocks))]);
        performance.mark('editor:rows');
        // A transition: React renders the editor in slices and hands the browser a turn between them.
        if (!controller.signal.aborted) startTransition(() => setRows(loaded));
      } catch (e) {
        if (!controller.signal.aborted) setFailed(e);
      }
    })();
    return () => controller.abort();
  }, [doc.slug]);

  const shell = (
    <div className="editor editor-opening" data-testid="editor-opening" data-slug={doc.slug}>
      <header className="editor-header">
        <h1 lang={doc.sourceLang} dir={getLangDir(doc.sourceLang)}>
          {doc.title}
        </h1>
        {failed ? (
          <p className="form-error" role="alert" data-testid="editor-open-error">
            {t('failed', { message: describe(failed) })}
          </p>
        ) : (
          <p className="keys-help" role="status">
            {t('opening')}
          </p>
        )}
      </header>
    </div>
  );
  if (!rows) return shell;
  return (
    <Suspense fallback={shell}>
      <DocumentEditor doc={{ ...doc, rows }} notes={notes} user={user} glossary={glossary} eventId={eventId} />
    </Suspense>
  );
}
