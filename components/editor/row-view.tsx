'use client';

import { useTranslations } from 'next-intl';
import { memo, useCallback, useSyncExternalStore } from 'react';
import { getLangDir, isTargetEmpty } from '@/lib/model';
import { ConflictBanner } from './conflict-banner';
import { useEditorContext } from './editor-context';
import { RowToolbar } from './row-toolbar';
import { SourceCell } from './source-cell';
import { StaticTarget } from './static-target';
import { TargetEditorHost } from './target-editor-host';

/**
 * One aligned row: the original and the translation share a grid row, so they stay level. Inactive rows are
 * static DOM; the active row hosts the one editor and its toolbar.
 */
export const RowView = memo(function RowView({ id, isLast }: { id: string; isLast: boolean }) {
  const t = useTranslations('Editor');
  const ts = useTranslations('Status');
  const { state, queue, actions, sourceLang, targetLang } = useEditorContext();
  const subscribeRow = useCallback((cb: () => void) => state.subscribeRow(id, cb), [state, id]);
  const subscribeSave = useCallback((cb: () => void) => queue.subscribeRow(id, cb), [queue, id]);
  const row = useSyncExternalStore(subscribeRow, () => state.getRow(id), () => state.getRow(id));
  const active = useSyncExternalStore(subscribeRow, () => state.getActiveRowId() === id, () => false);
  const epoch = useSyncExternalStore(subscribeRow, () => state.getEpoch(id), () => 0);
  const message = useSyncExternalStore(subscribeRow, () => state.getMessage(id), () => null);
  const save = useSyncExternalStore(subscribeSave, () => queue.getRowInfo(id), () => queue.getRowInfo(id));
  if (!row) return null;

  const kind = row.source[0]!.kind;
  const empty = isTargetEmpty(row.target);
  return (
    <div
      className={`row kind-${kind}`}
      id={`row-${id}`}
      data-testid="row"
      data-row-id={id}
      data-status={row.status}
      data-rev={row.rev}
      data-active={active}
      data-save={save.state}
      tabIndex={-1}
    >
      <div className="row-gutter">
        <span className={`status-dot s-${row.status}`} title={ts(row.status)} aria-hidden="true" />
        <span className="visually-hidden">{ts(row.status)}</span>
      </div>
      <SourceCell
        blocks={row.source}
        lang={sourceLang}
        dir={getLangDir(sourceLang)}
        splitLabel={t('split')}
        splitHint={t('splitHint')}
        onSplit={active && row.source.length > 1 ? (i) => actions.split(id, i) : undefined}
      />
      <div
        className="cell cell-target content-latin"
        lang={targetLang}
        dir={getLangDir(targetLang)}
        data-testid="target-cell"
        tabIndex={active ? -1 : 0}
        aria-label={active ? undefined : t('target')}
        onMouseDown={(e) => {
          if (active || e.button !== 0) return;
          // Focus would land in static text: open the editor instead and put the caret where the click was.
          e.preventDefault();
          actions.activate(id, { x: e.clientX, y: e.clientY });
        }}
        onFocus={(e) => {
          if (!active && e.target === e.currentTarget) actions.activate(id, 'end');
        }}
      >
        {active ? (
          <TargetEditorHost key={epoch} rowId={id} target={row.target} />
        ) : (
          <div className="static-target">
            {empty ? <p className="placeholder">{t('emptyTarget')}</p> : <StaticTarget target={row.target} />}
          </div>
        )}
      </div>
      {active && <RowToolbar rowId={id} status={row.status} isLast={isLast} />}
      {save.state === 'conflict' && save.theirs && (
        <ConflictBanner
          theirs={save.theirs}
          targetLang={targetLang}
          onKeepMine={() => actions.keepMine(id)}
          onTakeTheirs={() => actions.takeTheirs(id)}
        />
      )}
      {(save.state === 'error' || message) && (
        <p className="row-error" role="alert" data-testid="row-error">
          {t('actionFailed', { message: message ?? save.message ?? '' })}
        </p>
      )}
    </div>
  );
});
