'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { toApiError, type ApiError } from '@/lib/client';
import { useEditorSession } from '@/components/editor/editor-context';
import { useErrorMessage } from '@/components/errors/use-error-message';
import styles from './drafts.module.css';

/** A mark in the gutter of a row whose original occurs elsewhere in the document too. */
export function RepetitionMarker({ rowId }: { rowId: string }) {
  const t = useTranslations('Drafts');
  const { repetitions } = useEditorSession();
  const subscribe = useCallback((cb: () => void) => repetitions.subscribeRow(rowId, cb), [repetitions, rowId]);
  const group = useSyncExternalStore(subscribe, () => repetitions.getGroup(rowId), () => null);
  if (!group) return null;
  const label = t('repetition', { count: group.length - 1 });
  return (
    <span className={styles.repetition} data-testid="row-repetition" data-count={group.length - 1} title={label}>
      <span aria-hidden="true">⟳</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/**
 * The offer on a row this person just confirmed whose original repeats in untranslated rows: fill them with this
 * translation, as drafts (`POST …/propagate`), or not.
 */
export function RepetitionPrompt({ rowId }: { rowId: string }) {
  const t = useTranslations('Drafts');
  const describe = useErrorMessage();
  const { repetitions, can } = useEditorSession();
  const subscribe = useCallback((cb: () => void) => repetitions.subscribeRow(rowId, cb), [repetitions, rowId]);
  const count = useSyncExternalStore(subscribe, () => repetitions.getPrompt(rowId), () => 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!count || !can.edit) return null;
  const fill = async () => {
    setBusy(true);
    setError(null);
    try {
      await repetitions.fill(rowId);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.prompt} role="group" aria-label={t('repetitionPromptLabel')} data-testid="repetition-prompt">
      <p>{t('repetitionPrompt', { count })}</p>
      <button type="button" className={styles.button} onClick={() => void fill()} disabled={busy} data-testid="repetition-fill">
        {t('repetitionFill', { count })}
      </button>
      <button type="button" className={styles.button} onClick={() => repetitions.dismiss(rowId)} data-testid="repetition-dismiss">
        {t('repetitionDismiss')}
      </button>
      {error && (
        <p className={styles.error} role="alert">
          {describe(error)}
        </p>
      )}
    </div>
  );
}
