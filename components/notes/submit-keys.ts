import type { KeyboardEvent } from 'react';

/**
 * Ctrl+Enter (⌘+Enter) in a note's text sends its form, as in chat and review tools; plain Enter stays a new line.
 * The key stops here, so the editor's own Ctrl+Enter (confirm the row) does not run as well.
 */
export function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>): void {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.nativeEvent.isComposing) return;
  e.preventDefault();
  e.stopPropagation();
  e.currentTarget.form?.requestSubmit();
}
