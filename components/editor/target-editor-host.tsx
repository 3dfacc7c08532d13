'use client';

import { useEffect, useRef } from 'react';
import type { TargetDoc } from '@/lib/model';
import { useEditorSession } from './editor-context';

/**
 * The element the one ProseMirror view mounts into while its row is active. React renders it empty and never
 * touches its children, so ProseMirror owns that DOM.
 */
export function TargetEditorHost({ rowId, target }: { rowId: string; target: TargetDoc }) {
  const { editor, actions } = useEditorSession();
  const ref = useRef<HTMLDivElement>(null);
  // The row's content when it became active; later renders must not remount the view.
  const initial = useRef(target);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    editor.mount(container, rowId, initial.current, actions.editing.takeCaret(rowId));
    return () => {
      if (editor.activeRowId === rowId) editor.unmount();
    };
  }, [editor, actions, rowId]);
  return <div ref={ref} className="pm-host" data-testid="row-editor" />;
}
