'use client';

import { useTranslations } from 'next-intl';
import type { GlossaryEntry } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import styles from './drafts.module.css';

/**
 * The active row's glossary terms, numbered: Alt+1…9 in the row, or a click on a term, inserts its rendering at
 * the caret (for people who may edit). Listed in the original's cell so keyboard and screen-reader users find
 * them beside the words they render.
 */
export function RowTerms({ rowId, terms, lang, label }: { rowId: string; terms: readonly GlossaryEntry[]; lang: string; label?: string }) {
  const t = useTranslations('Drafts');
  const { actions, can } = useEditorSession();
  if (!terms.length) return null;
  return (
    <ul className="glossary-row-terms" aria-label={label} data-testid="row-glossary-terms">
      {terms.map((e, i) => {
        const key = i < 9 ? i + 1 : null;
        const content = (
          <>
            {key !== null && (
              <span className={styles.termKey} data-testid="term-key" aria-hidden="true">
                {key}
              </span>
            )}
            <span lang={lang}>{e.term}</span> — <span lang="en" dir="ltr">{e.rendering}</span>
          </>
        );
        return (
          <li key={e.id} title={e.note} data-testid="row-term">
            {can.edit ? (
              <button
                type="button"
                className={styles.termButton}
                // The row's editor keeps its caret, where the rendering goes.
                onMouseDown={(ev) => ev.preventDefault()}
                onClick={(ev) => {
                  ev.stopPropagation();
                  actions.drafts.insertTerm(rowId, i);
                }}
                aria-keyshortcuts={key !== null ? `Alt+${key}` : undefined}
                aria-label={key !== null ? t('insertTermKey', { term: e.term, rendering: e.rendering, key }) : t('insertTerm', { term: e.term, rendering: e.rendering })}
                data-testid="term-insert"
              >
                {content}
              </button>
            ) : (
              content
            )}
          </li>
        );
      })}
    </ul>
  );
}
