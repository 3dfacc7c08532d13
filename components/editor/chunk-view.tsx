'use client';

import { memo, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Chunk, DocumentState } from '@/lib/editor/document-state';
import { getTargetText, type Row } from '@/lib/model';
import { RowView } from './row-view';

/** Estimated height of a row not yet rendered: enough lines for its longer side, at the page's type sizes. */
function estimateRowHeight(row: Row | undefined): number {
  if (!row) return 0;
  const source = row.source.reduce((n, b) => n + b.text.length, 0);
  const target = getTargetText(row.target).length;
  return 24 + Math.max(Math.ceil(source / 60) * 40, Math.ceil(target / 80) * 26, 40);
}

/**
 * How near the viewport a placeholder asks for its rows: when it shows. The rows the page opens with reach past
 * the screen, so opening renders those only; the rest come in idle moments, or as the person scrolls to them.
 */
const MARGIN = '0px';

/** Rows a placeholder puts into the page when it comes near the viewport (scrolling), one step at a time. */
const ROWS_PER_STEP = 25;

/**
 * A stand-in of about the height of rows not in the page yet; near the viewport, it asks for them (`grow`).
 * Observed afresh after each step, so a placeholder still in view asks again.
 */
function Placeholder({ ids, rows, grow, step }: { ids: readonly string[]; rows: DocumentState; grow: () => void; step: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && grow(), { rootMargin: MARGIN });
    observer.observe(el);
    return () => observer.disconnect();
  }, [grow, step]);
  const height = ids.reduce((h, id) => h + estimateRowHeight(rows.getRow(id)), 0);
  return <div ref={ref} className="chunk-placeholder" style={{ blockSize: height }} data-rows={ids.length} aria-hidden="true" />;
}

/**
 * Rows of the document still on their way (a page opened at a linked row gets the rest a moment later): a blank of
 * about their height, so the scroll bar is about right from the start. It is replaced by the rows' chunks; the
 * browser's scroll anchoring keeps the rows on screen where they are.
 */
export function PendingRows({ count, rows }: { count: number; rows: DocumentState }) {
  // Rows still to come are guessed at the size of those here (a sample is enough).
  const [average] = useState(() => {
    const sample = rows.getChunks().slice(0, 3).flatMap((c) => c.ids);
    return sample.length ? sample.reduce((h, id) => h + estimateRowHeight(rows.getRow(id)), 0) / sample.length : 100;
  });
  if (!count) return null;
  return <div className="chunk-placeholder" style={{ blockSize: Math.round(count * average) }} data-rows={count} aria-hidden="true" data-testid="rows-arriving" />;
}

/**
 * About a hundred rows in one wrapper with `contain: layout paint` (see TOOLCHAIN.md). Rows not in the page yet
 * (DocumentState's window of the chunk) are placeholders of about their height, filled in as they come near the
 * viewport or the page is idle.
 */
export const ChunkView = memo(function ChunkView({ chunk, lastId, rows }: { chunk: Chunk; lastId: string | null; rows: DocumentState }) {
  const subscribe = useCallback((cb: () => void) => rows.subscribeChunks(cb), [rows]);
  const window = useSyncExternalStore(subscribe, () => rows.getChunkWindow(chunk.key), () => rows.getChunkWindow(chunk.key));
  const growBefore = useCallback(() => rows.growChunk(chunk.key, ROWS_PER_STEP, 'before'), [rows, chunk.key]);
  const growAfter = useCallback(() => rows.growChunk(chunk.key, ROWS_PER_STEP, 'after'), [rows, chunk.key]);
  if (!window) {
    return (
      <div className="chunk">
        <Placeholder ids={chunk.ids} rows={rows} grow={growAfter} step={0} />
      </div>
    );
  }
  const start = Math.min(window.start, chunk.ids.length);
  const end = Math.min(window.end, chunk.ids.length);
  return (
    <div className="chunk">
      {start > 0 && <Placeholder ids={chunk.ids.slice(0, start)} rows={rows} grow={growBefore} step={start} />}
      {chunk.ids.slice(start, end).map((id) => (
        <RowView key={id} id={id} isLast={id === lastId} />
      ))}
      {end < chunk.ids.length && <Placeholder ids={chunk.ids.slice(end)} rows={rows} grow={growAfter} step={end} />}
    </div>
  );
});
