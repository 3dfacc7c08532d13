'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from '@/i18n/navigation';
import { api, type PublishState } from '@/lib/client';
import { useErrorMessage } from '@/components/errors/use-error-message';
import type { PublishSelection } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { lazyTool } from './lazy-tool';
import styles from './publish-bar.module.css';

const PublishDialog = lazyTool(() => import('./publish-dialog').then((m) => m.PublishDialog));

/**
 * The editor header's publishing line: "published vN · M rows changed since" or "not published", a link to the
 * reading page, and for editors Publish / Unpublish with the source credit. The count is asked of the server again
 * shortly after each save, so it follows the translator's work, and at once when the live stream says someone
 * published or unpublished the document.
 */
export function PublishBar() {
  const t = useTranslations('Publish');
  const describe = useErrorMessage();
  const { slug, saves, rows, can, live } = useEditorSession();
  const canPublish = can.publish;
  const [state, setState] = useState<PublishState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; acting: boolean } | null>(null);
  const [credit, setCredit] = useState<string | null>(null);
  const [sourceUrl, setSourceUrl] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const refresh = useCallback(async () => {
    try {
      setState(await api.getPublishState(slug));
    } catch (e) {
      setFailure({ error: e, acting: false });
    }
  }, [slug]);

  const saveSummary = useSyncExternalStore(saves.subscribe, saves.getSummary, saves.getSummary);
  const version = useSyncExternalStore(rows.subscribeAny, rows.getVersion, rows.getVersion);
  useEffect(() => {
    // The first look at once; after that, once the saves have settled.
    if (state && saveSummary !== 'saved') return;
    const timer = setTimeout(() => void refresh(), state ? 600 : 0);
    return () => clearTimeout(timer);
    // `state` only tells the first look from the others: a new state must not start another round.
  }, [saveSummary, version, refresh]); // eslint-disable-line react-hooks/exhaustive-deps

  // Someone else published or unpublished: the line shows it at once, without waiting for a save.
  const publishings = useSyncExternalStore(live.subscribePublishing, live.getPublishings, live.getPublishings);
  useEffect(() => {
    if (publishings) void refresh();
  }, [publishings, refresh]);

  const act = async (method: 'POST' | 'DELETE', include?: PublishSelection) => {
    if (method === 'DELETE' && !window.confirm(t('confirmUnpublish'))) return;
    setBusy(true);
    setFailure(null);
    try {
      // Make sure what is published is what the translator sees: pending saves first.
      await saves.flushAll();
      if (method === 'POST') {
        await api.publishDocument(slug, { credit: credit ?? state?.credit ?? '', sourceUrl: sourceUrl ?? state?.sourceUrl ?? '', include });
        setChecking(false);
      }
      else await api.unpublishDocument(slug);
      setCredit(null);
      setSourceUrl(null);
      await refresh();
    } catch (e) {
      setFailure({ error: e, acting: true });
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
        {!state
          ? t('loading')
          : state.published
            ? t('stateChanges', { version: state.version ?? 0, rows: changed, notes: state.changedNotes ?? 0 })
            : t('notPublished')}
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
            onClick={() => setChecking(true)}
            aria-haspopup="dialog"
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
      {state?.published && state.publishedByName && (
        <span className={styles.by} data-testid="published-by">
          {t('by', { name: state.publishedByName })}
        </span>
      )}
      {checking && (
        <PublishDialog
          initial={state?.include ?? null}
          busy={busy}
          error={failure?.acting ? t('failed', { message: describe(failure.error) }) : null}
          onPublish={(include) => {
            // Pending saves go first (in act), then the dialog closes on success.
            void act('POST', include);
          }}
          onClose={() => setChecking(false)}
        />
      )}
      {failure && (
        <span className={styles.error} role="alert">
          {failure.acting ? t('failed', { message: describe(failure.error) }) : describe(failure.error)}
        </span>
      )}
    </div>
  );
}
