'use client';

import { useEffect, useRef } from 'react';

/**
 * A header menu made of `<details>` closes as menus do: on a press outside it, and on Escape from inside it (the
 * focus goes back to its summary). Its body floats over the rows, so it must not stay open over the one being
 * worked on.
 */
export function useDetailsDismiss() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const details = ref.current;
      if (e.key !== 'Escape' || !details?.open || !details.contains(document.activeElement)) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return ref;
}
