'use client';

import { useEffect, useState } from 'react';

/**
 * Progressive enhancement of the permalinks: they are plain `#row-…` links that work without JavaScript; with it,
 * following one also copies the paragraph's full address (with its ?layout=) and says so in a live region. Mounted
 * once per page; it listens on the document instead of wrapping each link.
 */
export function CopyLinks({ copiedLabel }: { copiedLabel: string }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a.r-permalink') : null;
      if (!(link instanceof HTMLAnchorElement) || !navigator.clipboard) return;
      navigator.clipboard.writeText(link.href).then(
        () => {
          setMessage(copiedLabel);
          clearTimeout(timer);
          timer = setTimeout(() => setMessage(''), 2500);
        },
        // No permission (an insecure origin, a denied prompt): the link still goes to its paragraph.
        () => undefined,
      );
    };
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('click', onClick);
      clearTimeout(timer);
    };
  }, [copiedLabel]);
  return (
    <p className="r-copy-status" role="status" aria-live="polite" data-testid="copy-status">
      {message}
    </p>
  );
}
