'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from '@/i18n/navigation';
import { can } from '@/lib/model';
import type { PublishState } from '@/lib/service/publish';
import { useEditorContext } from './editor-context';
import styles from './publish-bar.module.css';

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json as T;
}

/**
 * The editor header's publishing line: "published vN · M rows changed since" or "not published", a link to the
 * reading page, and for editors Publish / Unpublish with the source credit. The count is asked of the server again
 * shortly after each save, so it follows the translator's work.
 */
export function PublishBar({ slug }: { slug: string }) {
  const t = useTranslations('Publish');
  const { queue, state: docState, user } = useEditorContext();
  const canPublish = can(user.role, 'publish');
  const [state, setState] = useState<PublishState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [credit, setCredit] = useState<string | null>(null);
  const [sourceUrl, setSourceUrl] = useState<string | null>(null);
  const api = `/api/documents/${slug}/publish`;

  const refresh = useCallback(async () => {
    try {
      setState(await call<PublishState>(api));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);

  const saves = useSyncExternalStore(queue.subscribe, queue.getSummary, queue.getSummary);
  const version = useSyncExternalStore(docState.subscribeAny, docState.getVersion, docState.getVersion);
  useEffect(() => {
    // The first look at once; after that, once the saves have settled.
    if (state && saves !== 'saved') return;
    const timer = setTimeout(() => void refresh(), state ? 600 : 0);
    return () => clearTimeout(timer);
    // `state` only tells the first look from the others: a new state must not start another round.
  }, [saves, version, refresh]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = async (method: 'POST' | 'DELETE') => {
    if (method === 'DELETE' && !window.confirm(t('confirmUnpublish'))) return;
    setBusy(true);
    setError(null);
    try {
      // Make sure what is published is what the translator sees: pending saves first.
      await queue.flushAll();
      const body = method === 'POST' ? JSON.stringify({ credit: credit ?? state?.credit ?? '', sourceUrl: sourceUrl ?? state?.sourceUrl ?? '' }) : undefined;
      await call(api, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body });
      setCredit(null);
      setSourceUrl(null);
      await refresh();
    } catch (e) {
      setError(t('failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const changed = state?.changedRows ?? 0;
  return (
    <div className={styles.bar} data-testid="publish-bar" role="group" aria-label={t('label')}>
      <span
        className={styles.state}
        data-testid="publish-state"
        data-published={state ? String(state.published) : undefined}
        data-changed={state?.published && changed > 0 ? 'true' : undefined}
        role="status"
      >
        {!state ? t('loading') : state.published ? t('state', { version: state.version ?? 0, count: changed }) : t('notPublished')}
      </span>
      {state?.published && (
        <Link href={`/read/${slug}`} data-testid="reading-page-link">
          {t('view')}
        </Link>
      )}
      {canPublish && state && (
        <>
          <button
            type="button"
            className={styles.primary}
            disabled={busy}
            onClick={() => void act('POST')}
            data-testid="publish-button"
          >
            {busy ? t('working') : state.published ? t('publishChanges') : t('publish')}
          </button>
          {state.published && (
            <button type="button" disabled={busy} onClick={() => void act('DELETE')} data-testid="unpublish-button">
              {t('unpublish')}
            </button>
          )}
          <details className={styles.details}>
            <summary>{t('details')}</summary>
            <div className={styles.fields}>
              <label>
                {t('credit')}
                <input type="text" dir="auto" maxLength={300} value={credit ?? state.credit ?? ''} onChange={(e) => setCredit(e.target.value)} />
              </label>
              <p className={styles.hint}>{t('creditHint')}</p>
              <label>
                {t('sourceUrl')}
                <input type="url" dir="ltr" inputMode="url" value={sourceUrl ?? state.sourceUrl ?? ''} onChange={(e) => setSourceUrl(e.target.value)} placeholder="https://" />
              </label>
            </div>
          </details>
          {state.untranslatedRows > 0 && <span className={styles.warning}>{t('untranslated', { count: state.untranslatedRows })}</span>}
        </>
      )}
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
