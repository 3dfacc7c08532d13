'use client';

import { memo, useCallback, useSyncExternalStore } from 'react';
import type { Note } from '@/lib/model';
import type { NotesState } from '@/lib/editor/notes-state';
import { NoteCard } from './note-card';
import { NoteComposer } from './note-composer';

/** The notes cell of a row: its notes (as the filter allows) and the composer when a note is being written here. */
export const RowNotes = memo(function RowNotes({
  rowId,
  notes,
  canDeleteAny,
  sourceLang,
  targetLang,
  onFocusNote,
}: {
  rowId: string;
  notes: NotesState;
  canDeleteAny: boolean;
  sourceLang: string;
  targetLang: string;
  onFocusNote: (note: Note) => void;
}) {
  const subscribeRow = useCallback((cb: () => void) => notes.subscribeRow(rowId, cb), [notes, rowId]);
  const list = useSyncExternalStore(subscribeRow, () => notes.getRowNotes(rowId), () => notes.getRowNotes(rowId));
  // Every row listens to the filter, the focused note and the draft, but each reads only what concerns it, so
  // a change re-renders the rows it touches, not all of them.
  const getFilter = () => (list.length ? notes.getFilter() : null);
  useSyncExternalStore(notes.subscribe, getFilter, getFilter);
  const getActive = () => {
    const id = notes.getActiveNoteId();
    return id && list.some((n) => n.id === id) ? id : null;
  };
  const activeNoteId = useSyncExternalStore(notes.subscribe, getActive, getActive);
  const getDraft = () => {
    const draft = notes.getDraft();
    return draft?.rowId === rowId ? draft : null;
  };
  const drafting = useSyncExternalStore(notes.subscribe, getDraft, getDraft);
  const shown = list.filter((n) => notes.isShown(n));
  if (!shown.length && !drafting) return <div className="cell-notes" data-testid="row-notes" />;
  return (
    <div className="cell-notes" data-testid="row-notes">
      {shown.map((n) => (
        <NoteCard
          key={n.id}
          note={n}
          notes={notes}
          active={n.id === activeNoteId}
          canDeleteAny={canDeleteAny}
          sourceLang={sourceLang}
          targetLang={targetLang}
          onFocusNote={onFocusNote}
        />
      ))}
      {drafting && <NoteComposer draft={drafting} notes={notes} sourceLang={sourceLang} targetLang={targetLang} />}
    </div>
  );
});
