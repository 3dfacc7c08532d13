'use client';

import { createContext, useContext } from 'react';
import type { DocumentState } from '@/lib/editor/document-state';
import type { NoteHighlighter } from '@/lib/editor/highlights';
import type { NotesState } from '@/lib/editor/notes-state';
import type { QaState } from '@/lib/editor/qa-state';
import type { CaretPlacement, RowEditor } from '@/lib/editor/row-editor';
import type { SaveQueue } from '@/lib/editor/save-queue';
import type { Note, NoteSide, Role, RowStatus, TargetDoc } from '@/lib/model';

/** What the rows can ask of the editor page. */
export interface EditorActions {
  activate(rowId: string, caret: CaretPlacement): void;
  /** The caret placement asked for by the last activate, taken once by the row that mounts the editor. */
  takeCaret(rowId: string): CaretPlacement;
  setStatus(rowId: string, status: RowStatus): void;
  split(rowId: string, sourceIndex: number): void;
  merge(rowId: string): void;
  keepMine(rowId: string): void;
  takeTheirs(rowId: string): void;
  /** Puts both sides of a conflict into the row's editor, to be edited into one and saved with keepMine. */
  mergeByHand(rowId: string): void;
  /** Replaces a row's translation from outside the editor (search and replace), saved as any edit. */
  replaceTarget(rowId: string, target: TargetDoc): void;
  /** Shows a row: renders its chunk, scrolls to it and makes it the active row. */
  jumpTo(rowId: string): void;
  /** Starts a note on the whole row. */
  commentRow(rowId: string, side?: NoteSide): void;
  /** Shows a note: marks it and its highlight, scrolls its card into view. */
  focusNote(note: Note, scrollTo: 'card' | 'text'): void;
}

/** The signed-in person, as the editor needs to know them. */
export interface EditorUser {
  name: string;
  role: Role;
}

export interface EditorContextValue {
  state: DocumentState;
  queue: SaveQueue;
  editor: RowEditor;
  notes: NotesState;
  highlighter: NoteHighlighter;
  qa: QaState;
  actions: EditorActions;
  user: EditorUser;
  /** May change the English (translators and editors). */
  canEdit: boolean;
  /** May split and merge rows. */
  canAlign: boolean;
  sourceLang: string;
  targetLang: string;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/** The editor page's shared objects; only rows inside DocumentEditor call this. */
export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext outside DocumentEditor');
  return value;
}
