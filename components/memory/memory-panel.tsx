'use client';

import { useTranslations } from 'next-intl';
import { Fragment, useCallback, useSyncExternalStore } from 'react';
import { getLangDir, type DiffSegment } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import { useErrorMessage } from '@/components/errors/use-error-message';
import styles from './memory.module.css';

/** The matched Arabic with the words that differ from the row's marked: struck through if only in the match, underlined if only in the row. */
function DiffText({ segments }: { segments: DiffSegment[] }) {
  const t = useTranslations('Memory');
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'same' ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === 'removed' ? (
          <del key={i} className={styles.removed} data-kind="removed" title={t('removedHint')}>
            <span className="visually-hidden">{t('removedLabel')} </span>
            {s.text}
          </del>
        ) : (
          <Fragment key={i}>
            {/* A word replaced by another: keep the two apart on screen. */}
            {segments[i - 1]?.kind === 'removed' && !/\s$/.test(segments[i - 1]!.text) && !/^\s/.test(s.text) ? ' ' : null}
            <ins className={styles.added} data-kind="added" title={t('addedHint')}>
              <span className="visually-hidden">{t('addedLabel')} </span>
              {s.text}
            </ins>
          </Fragment>
        ),
      )}
    </>
  );
}

/**
 * The translation memory's best matches for the active row, under it: score, the matched Arabic with its
 * differences from this row's, and the English. Ctrl+1…3 in the row, or the match's button, inserts the English.
 */
export function MemoryPanel({ rowId }: { rowId: string }) {
  const t = useTranslations('Memory');
  const describe = useErrorMessage();
  const { memory, actions, can, sourceLang, targetLang } = useEditorSession();
  const canEdit = can.edit;
  const get = useCallback(() => memory.get(rowId), [memory, rowId]);
  const view = useSyncExternalStore(memory.subscribe, get, get);
  if (!view) return null;
  // mousedown is prevented so the row's editor keeps its caret, where the match goes.
  const keepFocus = (e: React.MouseEvent) => e.preventDefault();
  return (
    <section className={styles.panel} aria-label={t('title')} data-testid="tm-panel" data-state={view.state}>
      <h2 className={styles.heading}>{t('title')}</h2>
      {view.state === 'loading' && <p className={styles.quiet}>{t('loading')}</p>}
      {view.state === 'error' && (
        <p className={styles.error} role="alert">
          {t('failed', { message: describe(view.error) })}
        </p>
      )}
      {view.state === 'ready' && view.matches.length === 0 && (
        <p className={styles.quiet} data-testid="tm-none">
          {t('none')}
        </p>
      )}
      {view.state === 'ready' && view.matches.length > 0 && (
        <ol className={styles.matches}>
          {view.matches.map((m, i) => {
            const percent = Math.floor(m.score * 100);
            return (
              <li key={m.entry.id} className={styles.match} data-testid="tm-match" data-score={percent}>
                <div className={styles.meta}>
                  <span className={styles.score} data-testid="tm-score" data-exact={percent === 100 || undefined}>
                    {t('score', { percent })}
                  </span>
                  {canEdit && (
                    <button
                      type="button"
                      className={styles.insert}
                      onMouseDown={keepFocus}
                      onClick={() => actions.memory.insertMatch(rowId, i)}
                      aria-keyshortcuts={`Control+${i + 1}`}
                      data-testid="tm-insert"
                    >
                      {t('insert', { key: i + 1 })}
                    </button>
                  )}
                </div>
                <p className={styles.source} lang={sourceLang} dir={getLangDir(sourceLang)} data-testid="tm-source">
                  <DiffText segments={m.diff} />
                </p>
                <p className={`${styles.target} content-latin`} lang={targetLang} dir={getLangDir(targetLang)} data-testid="tm-target">
                  {m.entry.target}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
