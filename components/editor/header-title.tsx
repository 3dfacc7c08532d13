'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { Chunk } from '@/lib/editor/document-state';
import { getLangDir, getTargetText, targetFromText } from '@/lib/model';
import { useEditorSession } from './editor-context';

/**
 * The document's title in the header: the original, and beside it the English title, which is the translation of
 * the title row. People who may edit change it here (Enter or leaving the field saves it as an edit of that row,
 * undoable there); without a title row only the original is shown.
 */
export function HeaderTitle() {
  const t = useTranslations('EditorHeader');
  const session = useEditorSession();
  const { rows, title, sourceLang, targetLang } = session;
  // Looked for again when the rows change (a page opened at a linked row gets the document's first rows last);
  // a row's original changes only with a split or merge, which makes a new list of chunks.
  const found = useRef<{ chunks: readonly Chunk[]; id: string | null } | null>(null);
  const findTitleRow = () => {
    const chunks = rows.getChunks();
    if (found.current?.chunks !== chunks) found.current = { chunks, id: rows.findRowId((row) => row.source[0]?.kind === 'title') };
    return found.current.id;
  };
  const titleRowId = useSyncExternalStore(rows.subscribeList, findTitleRow, findTitleRow);
  const subscribe = useCallback((cb: () => void) => (titleRowId ? rows.subscribeRow(titleRowId, cb) : () => {}), [rows, titleRowId]);
  const getEnglish = () => {
    const row = titleRowId ? rows.getRow(titleRowId) : undefined;
    return row ? getTargetText(row.target) : '';
  };
  const english = useSyncExternalStore(subscribe, getEnglish, getEnglish);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || !titleRowId) return;
    const value = draft.replace(/\s+/g, ' ').trim();
    setDraft(null);
    if (value !== english.trim()) session.actions.editing.replaceTarget(titleRowId, targetFromText(value ? [value] : []));
  };
  return (
    <div className="header-title">
      <h1 lang={sourceLang} dir={getLangDir(sourceLang)}>
        {title}
      </h1>
      {titleRowId && session.can.edit && (
        <input
          className="header-title-target"
          type="text"
          lang={targetLang}
          dir={getLangDir(targetLang)}
          aria-label={t('englishTitle')}
          placeholder={t('englishTitlePlaceholder')}
          maxLength={300}
          value={draft ?? english}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') setDraft(null);
          }}
          data-testid="english-title"
        />
      )}
      {titleRowId && !session.can.edit && english && (
        <p className="header-title-target" lang={targetLang} dir={getLangDir(targetLang)} data-testid="english-title">
          {english}
        </p>
      )}
    </div>
  );
}
