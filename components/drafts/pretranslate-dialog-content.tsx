'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, toApiError, type PretranslateEvent } from '@/lib/client';
import { can } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import { useErrorMessage } from '@/components/errors/use-error-message';
import styles from './drafts.module.css';
import { useMtEnabled } from './mt-panel';
import { useMtErrorMessage } from './use-mt-error';

type Done = Extract<PretranslateEvent, { type: 'done' }>;

/** Why rows were not filled: one line per kind of failure, with how many rows it hit. */
interface Problem {
  code: string;
  message: string;
  count: number;
}

type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; runId: string | null; done: number; total: number; filled: number; failed: number; cancelling: boolean }
  | { phase: 'finished'; result: Done; undone: number | null; problems: Problem[] }
  | { phase: 'failed'; error: ApiError };

/** The lowest memory scores offered, as percentages: 100 % only, then fuzzy matches down to each. */
const THRESHOLDS = [100, 95, 85, 75, 50] as const;

/**
 * "Pre-translate…" in the editor header (editors): fills the untranslated rows from the memory (exact matches,
 * then fuzzy ones above the chosen score) and, where a provider is configured, from machine translation. The
 * run's progress comes from its NDJSON stream; each filled row appears at once as a draft; Cancel stops the run
 * (`DELETE …/pretranslate/:runId`), keeping what it filled; Undo takes the whole run back in one step.
 */
export function PretranslateDialogContent({ openOnMount = false }: { openOnMount?: boolean }) {
  const t = useTranslations('Drafts');
  const describe = useErrorMessage();
  const describeMt = useMtErrorMessage();
  const session = useEditorSession();
  const mtEnabled = useMtEnabled();
  const dialog = useRef<HTMLDialogElement>(null);
  const controller = useRef<AbortController | null>(null);
  const id = useId();
  const [useMemory, setUseMemory] = useState(true);
  const [threshold, setThreshold] = useState<number>(85);
  const [useMt, setUseMt] = useState(true);
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  const [busy, setBusy] = useState(false);
  // Loaded by its button's first press (pretranslate-dialog.tsx), which this button then replaces.
  useEffect(() => {
    if (openOnMount) dialog.current?.showModal();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  if (!can(session.user.role, 'pretranslate')) return null;

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: 'running', runId: null, done: 0, total: 0, filled: 0, failed: 0, cancelling: false });
    const problems = new Map<string, Problem>();
    try {
      // The server fills only empty rows: what is typed here must be there first.
      await session.saves.flushAll();
      const events = await api.startPretranslation(session.slug, { useMemory, minScore: threshold / 100, useMt: mtEnabled && useMt }, abort.signal);
      for await (const event of events) {
        if (event.type === 'start') setState((s) => (s.phase === 'running' ? { ...s, runId: event.runId, total: event.total } : s));
        else if (event.type === 'row' && event.outcome === 'filled') session.actions.drafts.applyServerRows([event.row]);
        else if (event.type === 'row' && event.outcome === 'failed') {
          const known = problems.get(event.problem.code);
          if (known) known.count += 1;
          else problems.set(event.problem.code, { code: event.problem.code, message: event.problem.message, count: 1 });
        } else if (event.type === 'progress')
          setState((s) => (s.phase === 'running' ? { ...s, done: event.done, total: event.total, filled: event.filled, failed: event.failed } : s));
        else if (event.type === 'done') setState({ phase: 'finished', result: event, undone: null, problems: [...problems.values()] });
        else if (event.type === 'error') setState({ phase: 'failed', error: new ApiError(0, event.error.code, event.error.message) });
      }
    } catch (e) {
      if (!abort.signal.aborted) setState({ phase: 'failed', error: toApiError(e) });
    } finally {
      controller.current = null;
    }
  };

  const cancel = async () => {
    if (state.phase !== 'running') return;
    setState({ ...state, cancelling: true });
    if (!state.runId) return controller.current?.abort();
    try {
      await api.cancelPretranslation(session.slug, state.runId);
    } catch {
      // The run's stream closing cancels it too.
      controller.current?.abort();
    }
  };

  const undo = async () => {
    if (state.phase !== 'finished') return;
    setBusy(true);
    try {
      const { reverted } = await api.undoPretranslation(session.slug, state.result.runId);
      session.actions.drafts.applyServerRows(reverted);
      setState({ ...state, undone: reverted.length });
    } catch (e) {
      setState({ phase: 'failed', error: toApiError(e) });
    } finally {
      setBusy(false);
    }
  };

  const running = state.phase === 'running';
  const percent = running && state.total ? Math.round((state.done / state.total) * 100) : 0;
  return (
    <>
      <button type="button" className={styles.open} onClick={() => dialog.current?.showModal()} data-testid="pretranslate-open">
        {running ? t('pretranslateRunning', { percent }) : t('pretranslateOpen')}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-h`} data-testid="pretranslate-dialog" data-phase={state.phase}>
        <h2 id={`${id}-h`}>{t('pretranslateTitle')}</h2>
        {(state.phase === 'idle' || state.phase === 'failed') && (
          <fieldset className={styles.options}>
            <legend className="visually-hidden">{t('pretranslateOptions')}</legend>
            <label>
              <input type="checkbox" checked={useMemory} onChange={(e) => setUseMemory(e.target.checked)} data-testid="pt-memory" />
              {t('pretranslateMemory')}
            </label>
            <label htmlFor={`${id}-score`}>
              {t('pretranslateThreshold')}
              <select id={`${id}-score`} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} disabled={!useMemory} data-testid="pt-threshold">
                {THRESHOLDS.map((n) => (
                  <option key={n} value={n}>
                    {n === 100 ? t('pretranslateExactOnly') : t('pretranslateAbove', { percent: n })}
                  </option>
                ))}
              </select>
            </label>
            {mtEnabled && (
              <label>
                <input type="checkbox" checked={useMt} onChange={(e) => setUseMt(e.target.checked)} data-testid="pt-mt" />
                {t('pretranslateMt')}
              </label>
            )}
          </fieldset>
        )}
        {state.phase === 'running' && (
          <div data-testid="pt-progress">
            <progress className={styles.progress} max={state.total || 1} value={state.done} aria-label={t('pretranslateProgressLabel')} />
            <p className={styles.summary} role="status">
              {t('pretranslateProgress', { done: state.done, total: state.total, filled: state.filled, failed: state.failed })}
            </p>
          </div>
        )}
        {state.phase === 'finished' && (
          <div role="status" data-testid="pt-result">
            <p className={styles.summary}>
              {state.result.cancelled ? t('pretranslateCancelled', { filled: state.result.filled }) : t('pretranslateDone', { filled: state.result.filled })}
            </p>
            <p className={styles.summary}>
              {t('pretranslateBreakdown', {
                memory: state.result.fromMemory,
                mt: state.result.fromMt,
                failed: state.result.failed,
                skipped: state.result.skipped,
              })}
            </p>
            {state.problems.length > 0 && (
              <ul className={styles.summary} data-testid="pt-problems">
                {state.problems.map((p) => (
                  <li key={p.code}>{t('pretranslateProblem', { count: p.count, message: describeMt(new ApiError(0, p.code, p.message)) })}</li>
                ))}
              </ul>
            )}
            {state.undone !== null && (
              <p className={styles.summary} data-testid="pt-undone">
                {t('pretranslateUndone', { count: state.undone })}
              </p>
            )}
          </div>
        )}
        {state.phase === 'failed' && (
          <p className={styles.error} role="alert" data-testid="pt-error">
            {t('pretranslateFailed', { message: describe(state.error) })}
          </p>
        )}
        <div className={styles.actions}>
          {(state.phase === 'idle' || state.phase === 'failed') && (
            <button type="button" className={styles.primary} onClick={() => void start()} disabled={!useMemory && !(mtEnabled && useMt)} data-testid="pt-start">
              {t('pretranslateStart')}
            </button>
          )}
          {running && (
            <button type="button" onClick={() => void cancel()} disabled={state.cancelling} data-testid="pt-cancel">
              {t('pretranslateCancel')}
            </button>
          )}
          {state.phase === 'finished' && state.undone === null && state.result.filled > 0 && (
            <button type="button" onClick={() => void undo()} disabled={busy} data-testid="pt-undo">
              {t('pretranslateUndo')}
            </button>
          )}
          {state.phase === 'finished' && (
            <button type="button" onClick={() => setState({ phase: 'idle' })} data-testid="pt-again">
              {t('pretranslateAgain')}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()} data-testid="pt-close">
            {t('close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
