'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

/**
 * A small "Add note" button that floats under the current text selection while it lies in one cell. mousedown
 * is prevented so pressing it keeps the selection.
 */
export function SelectionNoteButton({ hasDraft, onAdd }: { hasDraft: () => boolean; onAdd: () => void }) {
  const t = useTranslations('Notes');
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const selection = window.getSelection();
        if (!selection || selection.isCollapsed || !hasDraft()) return setAt(null);
        const rect = selection.getRangeAt(0).getBoundingClientRect();
        setAt({ x: rect.left + rect.width / 2, y: rect.bottom + 6 });
      }, 120);
    };
    document.addEventListener('selectionchange', update);
    window.addEventListener('scroll', update, { passive: true });
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('scroll', update);
    };
  }, [hasDraft]);
  if (!at) return null;
  return (
    <button
      type="button"
      className="selection-note-button"
      style={{ insetInlineStart: 'auto', left: at.x, top: at.y }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        onAdd();
        setAt(null);
      }}
      data-testid="selection-add-note"
    >
      {t('addNote')}
    </button>
  );
}
