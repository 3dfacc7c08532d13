'use client';

import { useTranslations } from 'next-intl';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { caretPointAt, domPointToOffset } from '@/lib/editor/dom-text';
import type { NoteRange } from '@/lib/editor/highlights';
import { getLangDir, getSideText, isTargetEmpty, type Note, type NoteSide } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { OriginMarker, RepetitionMarker, RowDrafts } from '@/components/drafts/row-drafts';
import { useRowTerms } from '@/components/drafts/use-row-terms';
import { MemoryPanel } from '@/components/memory/memory-panel';
import { RowNotes } from '@/components/notes/row-notes';
import { useEditorSession } from './editor-context';
import { lazyTool } from './lazy-tool';
import { RowLive } from './row-live';
import { RowQaList, RowQaMarker } from './row-qa';
import { RowReviewNotes, useRowReviewChange } from './row-review-notes';
import { RowToolbar } from './row-toolbar';
import { SourceCell } from './source-cell';
import { StaticTarget } from './static-target';
import { TargetEditorHost } from './target-editor-host';
import { RowNumber } from './row-number';
import { useRowMarks } from './row-tools-context';
import { useTargetPress } from './use-target-press';

// A conflict is rare: its banner and word diff load when one happens.
const ConflictBanner = lazyTool(() => import('./conflict-banner').then((m) => m.ConflictBanner));

/** The ranges of a side's notes that are drawn: anchored ones the notes filter shows. */
function getRanges(notes: readonly Note[], side: NoteSide, isShown: (n: Note) => boolean): NoteRange[] {
  return notes
    .filter((n) => n.side === side && n.position && !n.detached && isShown(n))
    .map((n) => ({ noteId: n.id, start: n.position!.start, end: n.position!.end }));
}

/** The note whose highlight is under a click, if any. */
function findNoteAt(cell: Element | null, notes: readonly Note[], side: NoteSide, e: React.MouseEvent): Note | null {
  if (!cell || !notes.length) return null;
  const caret = caretPointAt(e.clientX, e.clientY);
  if (!caret) return null;
  const offset = domPointToOffset(cell, caret.node, caret.offset);
  if (offset === null) return null;
  return notes.find((n) => n.side === side && !n.detached && n.position && n.position.start <= offset && offset < n.position.end) ?? null;
}

/**
 * One aligned row: the original and the translation share a grid row, so they stay level, and the row's notes
 * sit beside them. Inactive rows are static DOM; the active row hosts the one editor (for people who may edit)
 * and its toolbar.
 */
export const RowView = memo(function RowView({ id, isLast }: { id: string; isLast: boolean }) {
  const t = useTranslations('Editor');
  const ts = useTranslations('Status');
  const tn = useTranslations('Notes');
  const tg = useTranslations('Glossary');
  const describe = useErrorMessage();
  const session = useEditorSession();
  const { rows, saves, notes, highlighter, glossary, editor, sourceLang, targetLang } = session;
  const { editing: actions, alignment, conflicts, notes: noteActions } = session.actions;
  const { edit: canEdit, align: canAlign, deleteAnyNote } = session.can;
  const subscribeRow = useCallback((cb: () => void) => rows.subscribeRow(id, cb), [rows, id]);
  const subscribeSave = useCallback((cb: () => void) => saves.subscribeRow(id, cb), [saves, id]);
  const subscribeNotes = useCallback((cb: () => void) => notes.subscribeRow(id, cb), [notes, id]);
  const row = useSyncExternalStore(subscribeRow, () => rows.getRow(id), () => rows.getRow(id));
  const active = useSyncExternalStore(subscribeRow, () => rows.getActiveRowId() === id, () => false);
  const epoch = useSyncExternalStore(subscribeRow, () => rows.getEpoch(id), () => 0);
  const failed = useSyncExternalStore(subscribeRow, () => rows.getRowError(id), () => null);
  const save = useSyncExternalStore(subscribeSave, () => saves.getRowInfo(id), () => saves.getRowInfo(id));
  const rowNotes = useSyncExternalStore(subscribeNotes, () => notes.getRowNotes(id), () => notes.getRowNotes(id));
  const getFilter = () => (rowNotes.length ? notes.getFilter() : null);
  const filter = useSyncExternalStore(notes.subscribe, getFilter, getFilter);
  const sourceRef = useRef<HTMLDivElement>(null);
  const targetRef = useRef<HTMLDivElement>(null);
  const editing = active && canEdit;
  const isShown = useCallback((n: Note) => notes.isShown(n), [notes]);
  const reviewChange = useRowReviewChange(id);
  const marks = useRowMarks(id);
  const press = useTargetPress({
    enabled: !editing && canEdit,
    onOpen: (caret) => actions.activate(id, caret),
    onPressNote: (e) => {
      const note = findNoteAt(targetRef.current?.querySelector('.static-target') ?? null, rowNotes, 'target', e);
      if (note) noteActions.focusNote(note, 'card');
    },
  });

  useLayoutEffect(() => {
    highlighter.setCell(`${id}:source`, sourceRef.current, getRanges(rowNotes, 'source', isShown));
  }, [highlighter, id, row?.source, rowNotes, filter, isShown]);
  useLayoutEffect(() => {
    // While the editor is mounted it draws this cell's highlights itself, from ranges mapped through each edit.
    if (editing) return;
    highlighter.setCell(`${id}:target`, targetRef.current?.querySelector('.static-target') ?? null, getRanges(rowNotes, 'target', isShown));
  }, [highlighter, id, row?.target, rowNotes, filter, editing, isShown]);
  // The row's glossary terms are found when it first renders, and again only when its Arabic changes.
  const sourceText = row ? getSideText(row, 'source') : '';
  useLayoutEffect(() => {
    glossary.setCell(id, sourceRef.current, sourceText);
  }, [glossary, id, sourceText]);
  useEffect(() => () => glossary.setCell(id, null, ''), [glossary, id]);
  const terms = useRowTerms(id, sourceText, active);
  useEffect(
    () => () => {
      highlighter.setCell(`${id}:source`, null, []);
      highlighter.setCell(`${id}:target`, null, []);
    },
    [highlighter, id],
  );
  // When notes on the translation come or go, the editor takes the new set of ranges.
  const targetNoteKey = rowNotes
    .filter((n) => n.side === 'target')
    .map((n) => `${n.id}:${n.detached}:${n.status}`)
    .join(',');
  useEffect(() => {
    if (editing) editor.refreshAnchors(id);
  }, [editor, editing, id, targetNoteKey, filter]);

  if (!row) return null;
  const kind = row.source[0]!.kind;
  const empty = isTargetEmpty(row.target);
  const openCount = rowNotes.filter((n) => n.status === 'open').length;
  const onCellClick = (side: NoteSide) => (e: React.MouseEvent<HTMLDivElement>) => {
    const cell = side === 'source' ? sourceRef.current : targetRef.current?.querySelector('.pm-editor, .static-target') ?? null;
    const note = findNoteAt(cell, rowNotes, side, e);
    if (note) noteActions.focusNote(note, 'card');
    // A click that ends a text selection (to comment on it) must not move the focus and lose the selection.
    if (!active && !(side === 'target' && canEdit) && window.getSelection()?.isCollapsed !== false) actions.activate(id, null);
  };

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
      data-review-changed={reviewChange ? 'true' : undefined}
      data-open-notes={openCount > 0 || undefined}
      data-qa={marks.qa || undefined}
      data-chosen={marks.chosen || undefined}
      tabIndex={-1}
    >
      <div className="row-gutter">
        <RowNumber number={marks.number} choosing={marks.choosing} chosen={marks.chosen} rowId={id} />
        <span className={`status-dot s-${row.status}`} title={ts(row.status)} aria-hidden="true" />
        <span className="visually-hidden">{ts(row.status)}</span>
        <button
          type="button"
          className="comment-button"
          title={tn('commentRow')}
          aria-label={tn('commentRowLabel', { count: openCount })}
          onClick={() => noteActions.commentRow(id)}
          data-testid="comment-row"
        >
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
          </svg>
          {openCount > 0 && (
            <span className="note-count" data-testid="note-count">
              {openCount}
            </span>
          )}
        </button>
        <RowQaMarker id={id} />
        <OriginMarker row={row} />
        <RepetitionMarker rowId={id} />
      </div>
      <SourceCell
        ref={sourceRef}
        rowId={id}
        blocks={row.source}
        lang={sourceLang}
        dir={getLangDir(sourceLang)}
        splitLabel={t('split')}
        splitHint={t('splitHint')}
        onSplit={active && canAlign && row.source.length > 1 ? (i) => void alignment.split(id, i) : undefined}
        onClick={onCellClick('source')}
        terms={terms}
        termsLabel={tg('rowTerms')}
      />
      <div
        ref={targetRef}
        className={`cell cell-target content-latin${canEdit ? '' : ' is-readonly'}`}
        id={`row-${id}-target`}
        lang={targetLang}
        dir={getLangDir(targetLang)}
        data-testid="target-cell"
        data-row-id={id}
        data-note-side="target"
        tabIndex={editing ? -1 : 0}
        aria-label={editing ? undefined : t('target')}
        onMouseDown={press.onMouseDown}
        onClick={editing || !canEdit ? onCellClick('target') : press.onClick}
        onFocus={(e) => {
          if (active) return;
          if (canEdit) press.onFocus(e);
          else if (e.target === e.currentTarget) actions.activate(id, 'end');
        }}
      >
        {editing ? (
          <TargetEditorHost key={epoch} rowId={id} target={row.target} />
        ) : (
          <div className="static-target" data-row-id={id} data-note-side="target">
            {empty ? <p className="placeholder">{t('emptyTarget')}</p> : <StaticTarget target={row.target} />}
          </div>
        )}
      </div>
      <RowNotes
        rowId={id}
        notes={notes}
        canDeleteAny={deleteAnyNote}
        sourceLang={sourceLang}
        targetLang={targetLang}
        onFocusNote={(note) => noteActions.focusNote(note, 'text')}
      />
      <RowLive id={id} live={session.live} />
      <RowReviewNotes row={row} />
      {active && <RowToolbar rowId={id} status={row.status} isLast={isLast} />}
      {active && <RowQaList id={id} />}
      {active && <MemoryPanel rowId={id} />}
      <RowDrafts rowId={id} active={active} />
      {save.state === 'conflict' && save.theirs && (
        <ConflictBanner
          theirs={save.theirs}
          mine={row.target}
          targetLang={targetLang}
          onKeepMine={() => conflicts.keepMine(id)}
          onTakeTheirs={() => conflicts.takeTheirs(id)}
          onMergeByHand={() => conflicts.mergeByHand(id)}
        />
      )}
      {(save.state === 'error' || failed) && (
        <p className="row-error" role="alert" data-testid="row-error">
          {t('actionFailed', { message: describe(failed ?? save.error) })}
        </p>
      )}
    </div>
  );
});
