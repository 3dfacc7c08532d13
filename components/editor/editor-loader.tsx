'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useEffect, useState } from 'react';
import { api } from '@/lib/client';
import { loadRowEditor } from '@/lib/editor/lazy-row-editor';
import { hasKeptEdits, prepareKeptEdits } from '@/lib/editor/pending-store';
import { readOpening, type OpeningRows } from '@/lib/editor/row-blocks';
import type { EditorUser } from '@/lib/editor/session';
import { getLangDir, type BilingualDocument, type GlossaryEntry, type Note, type Row } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { getHashRowId } from './use-row-hash-link';

// The editor's code is a chunk of its own, fetched while the rows arrive (the row editor's too, for the first
// click): the page's first load is this loader. The editor is rendered once its code is here, not through
// React.lazy: a lazy component suspends on its first render whatever its code, and React holds back revealing
// a boundary that just showed its fallback (about 100 ms of an idle page before the rows appeared).
// Asked for as soon as the page's scripts run, before React hydrates the page, rather than from an effect after it.
const editorCode = typeof window === 'undefined' ? null : import('./document-editor');
const loadEditor = () => editorCode ?? import('./document-editor');
type Editor = Awaited<ReturnType<typeof loadEditor>>['DocumentEditor'];

/** The document without its rows: what the page itself carries. */
export type DocumentHead = Omit<BilingualDocument, 'rows'>;

/**
 * Opens the editor: the page carries the document's fields, notes and glossary; the rows come once, from
 * `GET /api/documents/:slug/rows` (a block at a time, read in slices so a long document never holds the page in
 * one long task), while the editor's code loads beside them. The editor opens as soon as the rows around the row
 * it opens at are here (the server sends a linked row's block first); the rest arrive while the person reads,
 * and the tools that work on every row wait for them. A document with edits kept in the browser from an earlier
 * visit opens with all its rows, which the kept edits are restored over before anyone types. Until the editor
 * opens the page shows the title and that the document is opening.
 */
export function EditorLoader({
  doc,
  notes,
  user,
  glossary,
  eventId = null,
  preloaded = false,
}: {
  doc: DocumentHead;
  notes: Note[];
  user: EditorUser;
  glossary: readonly GlossaryEntry[];
  /** The document's last event id when the page was read; the live stream starts after it. */
  eventId?: number | null;
  /** The page preloads the rows (a short document): they are asked for in document order, as preloaded. */
  preloaded?: boolean;
}) {
  const t = useTranslations('EditorOpen');
  const describe = useErrorMessage();
  const [opening, setOpening] = useState<(OpeningRows<Row> & { Editor: Editor }) | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    // User timing marks: the bench reads them (and so can anyone in the browser's Performance panel).
    performance.mark('editor:hydrated');
    void loadEditor().then(() => performance.mark('editor:code'));
    void loadRowEditor().then(() => performance.mark('editor:row-editor-code'), () => undefined);
    void (async () => {
      try {
        const openAt = getHashRowId();
        const kept = hasKeptEdits(doc.slug);
        // Edits kept in the browser from an earlier visit need their check's code before the editor restores them.
        const code = loadEditor();
        // A long document's rows are asked for once the editor's code is here: megabytes arriving beside the
        // page's script files slowed those (on the same cores and, for the server, the same thread).
        const ready = preloaded ? Promise.resolve() : code.then(() => undefined);
        const [editor, , opened] = await Promise.all([
          code,
          prepareKeptEdits(doc.slug),
          ready
            .then(() => api.streamRows(doc.slug, { signal: controller.signal, first: preloaded || kept ? null : openAt }))
            .then((answer) => readOpening(answer, { openAt, wholly: kept })),
        ]);
        performance.mark('editor:rows');
        // A transition: React renders the editor in slices and hands the browser a turn between them.
        if (!controller.signal.aborted) startTransition(() => setOpening({ ...opened, Editor: editor.DocumentEditor }));
      } catch (e) {
        if (!controller.signal.aborted) setFailed(e);
      }
    })();
    return () => controller.abort();
  }, [doc.slug, preloaded]);

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
  if (!opening) return shell;
  const { Editor } = opening;
  return <Editor doc={{ ...doc, rows: opening.rows }} arriving={opening.arriving} notes={notes} user={user} glossary={glossary} eventId={eventId} />;
}
