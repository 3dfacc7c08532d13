'use client';

import { useTranslations } from 'next-intl';
import { useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { clearSearchHighlights, drawSearchHighlights } from '@/lib/editor/search-highlights';
import {
  findInDocument,
  findInText,
  getParagraphText,
  replaceAll,
  replaceRangesInTarget,
  type Row,
  type SearchMatch,
  type SearchSide,
} from '@/lib/model';
import { useEditorSession } from './editor-context';

/** More results than this are counted but not listed: nobody reads past them, and the list stays quick. */
const MAX_LISTED = 300;
const CONTEXT_CHARS = 40;

function matchText(row: Row, m: SearchMatch): string {
  return m.side === 'source' ? row.source[m.blockIndex]!.text : getParagraphText(row.target.content[m.paragraphIndex]!);
}

/** The words around a match, the match itself marked. */
function Snippet({ text, start, end }: { text: string; start: number; end: number }) {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  return (
    <>
      {from > 0 && '…'}
      {text.slice(from, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end, to)}
      {to < text.length && '…'}
    </>
  );
}

/**
 * Find across the document, in the Arabic or the English, ignoring harakat and tatweel and the alef, yaa and
 * taa-marbuta variants; replace works in the English only and goes through the same saves as typing.
 */
export function SearchPanel({ onJump }: { onJump: (rowId: string) => void }) {
  const t = useTranslations('Search');
  const { rows: state, actions, can, sourceLang, targetLang } = useEditorSession();
  const canEdit = can.edit;
  const [query, setQuery] = useState('');
  const [side, setSide] = useState<SearchSide>('source');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [replacement, setReplacement] = useState('');
  const [replaced, setReplaced] = useState<number | null>(null);
  const deferredQuery = useDeferredValue(query);
  const rows = useSyncExternalStore(state.subscribeAny, state.getRows, state.getRows);
  const options = useMemo(() => ({ side, matchCase, wholeWord }), [side, matchCase, wholeWord]);
  const matches = useMemo(() => (deferredQuery.trim() ? findInDocument({ rows }, deferredQuery, options) : []), [rows, deferredQuery, options]);
  const byId = useMemo(() => new Map(rows.map((row, i) => [row.id, { row, number: i + 1 }])), [rows]);
  const rowCount = new Set(matches.map((m) => m.rowId)).size;
  const canReplace = canEdit && side === 'target';

  // The matches are painted in the rows, again when more rows render, and cleared with the panel.
  useEffect(() => {
    const byRow = new Map(rows.map((r) => [r.id, r]));
    const draw = () => drawSearchHighlights(matches, (id) => byRow.get(id));
    draw();
    const unsubscribe = state.subscribeChunks(() => requestAnimationFrame(draw));
    return () => {
      unsubscribe();
      clearSearchHighlights();
    };
  }, [matches, rows, state]);

  // Replacing reads each row as it is now (with what is being typed), never the list's snapshot.
  const replaceOne = (m: SearchMatch) => {
    const row = state.getRow(m.rowId);
    if (!row || m.side !== 'target') return;
    const paragraph = row.target.content[m.paragraphIndex];
    const text = paragraph ? getParagraphText(paragraph) : '';
    // The row changed since it was found (typed into): replace only if the match is still where it was.
    if (!findInText(text, query, { matchCase, wholeWord }).some((r) => r.start === m.start && r.end === m.end)) return;
    actions.editing.replaceTarget(row.id, replaceRangesInTarget(row.target, [m], replacement));
    setReplaced(1);
  };
  const replaceEverywhere = () => {
    const fresh = state.getOrder().map((id) => state.getRow(id)!);
    const result = replaceAll({ rows: fresh }, query, replacement, { matchCase, wholeWord });
    for (const r of result.rows) actions.editing.replaceTarget(r.rowId, r.target);
    setReplaced(result.count);
  };

  return (
    <div className="search-panel" data-testid="search-panel">
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (matches[0]) onJump(matches[0].rowId);
        }}
      >
        <label className="search-field">
          <span>{t('find')}</span>
          <input
            type="search"
            dir="auto"
            value={query}
            autoFocus
            onChange={(e) => {
              setQuery(e.target.value);
              setReplaced(null);
            }}
            data-testid="search-query"
          />
        </label>
        <fieldset className="tool-options">
          <legend className="visually-hidden">{t('side')}</legend>
          <label>
            <input type="radio" name="search-side" checked={side === 'source'} onChange={() => setSide('source')} /> {t('inSource')}
          </label>
          <label>
            <input type="radio" name="search-side" checked={side === 'target'} onChange={() => setSide('target')} data-testid="search-in-target" />{' '}
            {t('inTarget')}
          </label>
          <label>
            <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> {t('matchCase')}
          </label>
          <label>
            <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} /> {t('wholeWord')}
          </label>
        </fieldset>
        {canReplace && (
          <div className="search-replace">
            <label className="search-field">
              <span>{t('replaceWith')}</span>
              <input type="text" dir="auto" value={replacement} onChange={(e) => setReplacement(e.target.value)} data-testid="search-replacement" />
            </label>
            <button type="button" disabled={!matches.length} onClick={replaceEverywhere} data-testid="search-replace-all">
              {t('replaceAll', { count: matches.length })}
            </button>
          </div>
        )}
      </form>
      <p className="tool-summary" aria-live="polite" data-testid="search-summary">
        {replaced !== null ? t('replaced', { count: replaced }) : deferredQuery.trim() ? t('summary', { matches: matches.length, rows: rowCount }) : ''}
      </p>
      <ol className="tool-results">
        {matches.slice(0, MAX_LISTED).map((m) => {
          const entry = byId.get(m.rowId);
          if (!entry) return null;
          const lang = m.side === 'source' ? sourceLang : targetLang;
          return (
            <li key={`${m.rowId}-${m.side === 'source' ? m.blockIndex : m.paragraphIndex}-${m.start}`} data-testid="search-result" data-row-id={m.rowId}>
              <button type="button" className="tool-jump" onClick={() => onJump(m.rowId)}>
                {t('row', { number: entry.number })}
              </button>
              <span className="search-snippet" lang={lang} dir="auto">
                <Snippet text={matchText(entry.row, m)} start={m.start} end={m.end} />
              </span>
              {canReplace && (
                <button type="button" className="search-replace-one" onClick={() => replaceOne(m)}>
                  {t('replace')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {matches.length > MAX_LISTED && <p className="tool-summary">{t('more', { count: matches.length - MAX_LISTED })}</p>}
    </div>
  );
}
