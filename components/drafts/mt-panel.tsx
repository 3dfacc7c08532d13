'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';
import { getLangDir } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import { StaticTarget } from '@/components/editor/static-target';
import styles from './drafts.module.css';
import { useMtErrorMessage } from './use-mt-error';

/** True when machine translation is configured here and the person may insert it; every MT part hides otherwise. */
export function useMtEnabled(): boolean {
  const { mt, can } = useEditorSession();
  const enabled = useSyncExternalStore(mt.subscribe, mt.isEnabled, () => false);
  return can.edit && enabled;
}

/**
 * The machine translation of the active row, beside the memory's matches and marked as a machine's, with the
 * provider and model that made it. Ctrl+0 in the row, or the button, inserts it as one undoable step. A provider
 * that fails is a sentence here; the row's text and its saving never wait for it.
 */
export function MtPanel({ rowId }: { rowId: string }) {
  const t = useTranslations('Drafts');
  const describe = useMtErrorMessage();
  const { mt, actions, targetLang } = useEditorSession();
  const enabled = useMtEnabled();
  const get = useCallback(() => mt.get(rowId), [mt, rowId]);
  const view = useSyncExternalStore(mt.subscribe, get, () => null);
  if (!enabled || !view) return null;
  const provider = view.state === 'ready' ? view.suggestion : mt.getProvider();
  const by = provider ? (provider.model ? t('byModel', { provider: provider.provider, model: provider.model }) : t('by', { provider: provider.provider })) : '';
  return (
    <section className={styles.panel} aria-label={t('mtTitle')} data-testid="mt-panel" data-state={view.state}>
      <div className={styles.head}>
        <h2 className={styles.heading}>{t('mtTitle')}</h2>
        <span className={styles.provider} data-testid="mt-provider">
          {by}
        </span>
        {view.state === 'ready' && (
          <button
            type="button"
            className={styles.button}
            // The row's editor keeps its caret, where the translation goes.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => actions.drafts.insertMt(rowId)}
            aria-keyshortcuts="Control+0"
            data-testid="mt-insert"
          >
            {t('mtInsert')}
          </button>
        )}
      </div>
      {view.state === 'loading' && <p className={styles.quiet}>{t('mtLoading')}</p>}
      {view.state === 'error' && (
        <p className={styles.error} role="status" data-testid="mt-error">
          {t('mtFailed', { message: describe(view.error) })}
        </p>
      )}
      {view.state === 'ready' && (
        <div className={`${styles.suggestion} content-latin`} lang={targetLang} dir={getLangDir(targetLang)} data-testid="mt-target">
          <StaticTarget target={view.suggestion.target} />
        </div>
      )}
    </section>
  );
}
