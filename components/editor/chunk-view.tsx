'use client';

import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
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
 * About a hundred rows in one wrapper with `contain: layout paint` (see TOOLCHAIN.md), or a placeholder of about
 * their height until the chunk comes within a couple of screens of the viewport.
 */
export const ChunkView = memo(function ChunkView({ chunk, lastId, rows }: { chunk: Chunk; lastId: string | null; rows: DocumentState }) {
  const subscribe = useCallback((cb: () => void) => rows.subscribeChunks(cb), [rows]);
  const rendered = useSyncExternalStore(subscribe, () => rows.isChunkRendered(chunk.key), () => rows.isChunkRendered(chunk.key));
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = placeholder.current;
    if (rendered || !el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && rows.renderChunk(chunk.key), {
      rootMargin: '2000px 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [rendered, rows, chunk.key]);
  if (!rendered) {
    const height = chunk.ids.reduce((h, id) => h + estimateRowHeight(rows.getRow(id)), 0);
    return <div ref={placeholder} className="chunk chunk-placeholder" style={{ blockSize: height }} data-rows={chunk.ids.length} aria-hidden="true" />;
  }
  return (
    <div className="chunk">
      {chunk.ids.map((id) => (
        <RowView key={id} id={id} isLast={id === lastId} />
      ))}
    </div>
  );
});
