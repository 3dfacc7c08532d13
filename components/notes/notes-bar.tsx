'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { NotesFilter, NotesState } from '@/lib/editor/notes-state';

const FILTERS: NotesFilter[] = ['open', 'all', 'resolved', 'mine'];

/**
 * The notes column's filter (open notes unless chosen otherwise), and Add note, which makes a note on the
 * selected words; with nothing selected it says what to do instead of guessing a row.
 */
export function NotesBar({ notes, onAddNote }: { notes: NotesState; onAddNote: () => boolean }) {
  const t = useTranslations('Notes');
  const filter = useSyncExternalStore(notes.subscribe, notes.getFilter, notes.getFilter);
  const [hint, setHint] = useState(false);
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => setHint(false), 6000);
    return () => clearTimeout(timer);
  }, [hint]);
  return (
    <div className="notes-bar">
      <label>
        {t('filter')}{' '}
        <select value={filter} onChange={(e) => notes.setFilter(e.target.value as NotesFilter)} data-testid="notes-filter">
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(f)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setHint(!onAddNote())}
        title={t('addNoteShortcut')}
        data-testid="add-note"
      >
        {t('addNote')}
      </button>
      <span role="status" className={hint ? 'notes-hint' : 'visually-hidden'} data-testid="add-note-hint">
        {hint ? t('selectFirst') : ''}
      </span>
    </div>
  );
}
