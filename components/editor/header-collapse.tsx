'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

/**
 * The editor header's tools, which fold away behind one button on narrow screens so the rows keep the height;
 * on wide screens they are always shown (the button is hidden by CSS) and the header stays within two lines.
 */
export function HeaderCollapse({ children }: { children: ReactNode }) {
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
      <div className="editor-header-tools" id="editor-header-tools" data-open={open} data-testid="header-tools">
        {children}
      </div>
    </>
  );
}
