'use client';

import { useRef } from 'react';
import { caretPointAt, domPointToOffset } from '@/lib/editor/dom-text';

/**
 * How a press on a translation cell that is not open behaves for someone who may edit it. A plain click opens
 * the row's editor with the caret where the click was; a drag over words keeps its selection (the editor is not
 * mounted under it), so a note can be made on those words. The focus a press gives the cell does not open the
 * editor by itself: the click decides. Keyboard focus (Tab) still opens it at the end.
 */
export function useTargetPress({
  enabled,
  onOpen,
  onPressNote,
}: {
  /** False while the editor is mounted or for people who only read. */
  enabled: boolean;
  onOpen: (caret: { offset: number } | { x: number; y: number } | 'end') => void;
  /** A press on a note's highlight: the note is shown as well. */
  onPressNote: (e: React.MouseEvent<HTMLDivElement>) => void;
}) {
  const pressing = useRef(false);
  return {
    onMouseDown: (e: React.MouseEvent<HTMLDivElement>) => {
      if (!enabled || e.button !== 0) return;
      onPressNote(e);
      pressing.current = true;
      // The focus a press gives comes before this runs; after it, focus is the keyboard's again.
      setTimeout(() => (pressing.current = false), 0);
    },
    onClick: (e: React.MouseEvent<HTMLDivElement>) => {
      if (!enabled) return;
      const selection = window.getSelection();
      // A drag that selected words keeps them: the floating "Add note" button takes it from here.
      if (selection && !selection.isCollapsed && e.currentTarget.contains(selection.anchorNode)) return;
      // The caret's place is read from the static text, whose layout is the editor's, before the editor takes
      // its place: asking the editor for the point afterwards forces a second layout of the row.
      const point = caretPointAt(e.clientX, e.clientY);
      const offset = point && e.currentTarget.contains(point.node) ? domPointToOffset(e.currentTarget, point.node, point.offset) : null;
      onOpen(offset === null ? { x: e.clientX, y: e.clientY } : { offset });
    },
    onFocus: (e: React.FocusEvent<HTMLDivElement>) => {
      if (!enabled || pressing.current || e.target !== e.currentTarget) return;
      onOpen('end');
    },
  };
}
