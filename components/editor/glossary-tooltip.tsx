'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { GlossaryTerms } from '@/lib/editor/glossary-terms';
import { getSideText, type GlossaryEntry, type Row } from '@/lib/model';
import './glossary-terms.css';

/** Room kept between the pointer and the tooltip, and the tooltip's widest size. */
const OFFSET = 16;
const MAX_WIDTH = 320;

/**
 * The rendering and note of the glossary term under the mouse, in a small tooltip near the pointer. One listener
 * for the whole page (source cells are many); the lookup runs at most once a frame.
 */
export function GlossaryTooltip({ glossary, getRow }: { glossary: GlossaryTerms; getRow: (id: string) => Row | undefined }) {
  const t = useTranslations('Glossary');
  const [shown, setShown] = useState<{ entry: GlossaryEntry; x: number; y: number } | null>(null);

  useEffect(() => {
    if (!glossary.entries.length) return;
    let frame = 0;
    let last: MouseEvent | null = null;
    const update = () => {
      frame = 0;
      const e = last;
      if (!e) return;
      const cell = e.target instanceof Element ? e.target.closest('.cell-source[data-row-id]') : null;
      const rowId = cell?.getAttribute('data-row-id');
      const row = rowId ? getRow(rowId) : undefined;
      const entry = cell && row ? glossary.entryAtPoint(row.id, cell, getSideText(row, 'source'), e.clientX, e.clientY) : null;
      setShown((old) => (entry ? (old?.entry === entry ? old : { entry, x: e.clientX, y: e.clientY }) : null));
    };
    const onMove = (e: MouseEvent) => {
      last = e;
      if (!frame) frame = requestAnimationFrame(update);
    };
    const hide = () => setShown(null);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && hide();
    document.addEventListener('mousemove', onMove, { passive: true });
    document.addEventListener('scroll', hide, { passive: true, capture: true });
    document.addEventListener('keydown', onKey);
    document.documentElement.addEventListener('mouseleave', hide);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      document.removeEventListener('mousemove', onMove);
      document.removeEventListener('scroll', hide, { capture: true });
      document.removeEventListener('keydown', onKey);
      document.documentElement.removeEventListener('mouseleave', hide);
    };
  }, [glossary, getRow]);

  if (!shown) return null;
  // Beside the pointer, flipped to its other side near the window's right or bottom edge.
  const left = Math.max(4, shown.x + OFFSET + MAX_WIDTH > window.innerWidth ? shown.x - OFFSET - MAX_WIDTH : shown.x + OFFSET);
  const below = shown.y + OFFSET + 120 < window.innerHeight;
  return (
    <div
      className="glossary-tooltip"
      role="tooltip"
      data-testid="glossary-tooltip"
      data-entry-id={shown.entry.id}
      style={{ left, maxInlineSize: MAX_WIDTH, ...(below ? { top: shown.y + OFFSET } : { bottom: window.innerHeight - shown.y + OFFSET }) }}
    >
      <span className="visually-hidden">{t('tooltipLabel')}: </span>
      <span className="glossary-term" lang="ar" dir="rtl">
        {shown.entry.term}
      </span>{' '}
      <span aria-hidden="true">—</span>{' '}
      <strong className="glossary-rendering" lang="en" dir="ltr">
        {shown.entry.rendering}
      </strong>
      {shown.entry.note && (
        <span className="glossary-note" dir="auto">
          {shown.entry.note}
        </span>
      )}
    </div>
  );
}
