'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

/**
 * The editor header's tools, which fold away behind one button on narrow screens so the rows keep the height;
 * on wide screens they are always shown (the button is hidden by CSS) and the header stays within two lines.
 * `busy` (while the rows of a document opened at a linked row are still arriving) leaves them out of reach.
 */
export function HeaderCollapse({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  const t = useTranslations('EditorHeader');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="header-collapse"
        aria-expanded={open}
        aria-controls="editor-header-tools"
        onClick={() => setOpen((o) => !o)}
        data-testid="header-collapse"
      >
        {open ? t('hideTools') : t('showTools')}
      </button>
      {/* Busy while the document's rows are still arriving: the tools work on every row. */}
      <div className="editor-header-tools" id="editor-header-tools" data-open={open} data-testid="header-tools" inert={busy} aria-busy={busy || undefined}>
        {children}
      </div>
    </>
  );
}
