'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState, useSyncExternalStore } from 'react';
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
  const [titleRowId] = useState(() => rows.getOrder().find((id) => rows.getRow(id)?.source[0]?.kind === 'title') ?? null);
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
