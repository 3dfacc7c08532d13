'use client';

import { createContext, useContext } from 'react';
import type { EditorSession } from '@/lib/editor/session';

export const EditorContext = createContext<EditorSession | null>(null);

/** The open document's editor session; only components inside DocumentEditor call this. */
export function useEditorSession(): EditorSession {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorSession outside DocumentEditor');
  return value;
}
