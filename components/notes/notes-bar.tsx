'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import type { NotesFilter, NotesState } from '@/lib/editor/notes-state';

const FILTERS: NotesFilter[] = ['all', 'open', 'resolved', 'mine'];

/** The notes column's filter, and the rows filter (all rows, or only those sent back for changes). */
export function NotesBar({
  notes,
  rowFilter,
  onRowFilter,
  onAddNote,
}: {
  notes: NotesState;
  rowFilter: 'all' | 'needs-changes';
  onRowFilter: (f: 'all' | 'needs-changes') => void;
  onAddNote: () => void;
}) {
  const t = useTranslations('Notes');
  const tr = useTranslations('Review');
  const filter = useSyncExternalStore(notes.subscribe, notes.getFilter, notes.getFilter);
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
      <label>
        {tr('filterRows')}{' '}
        <select value={rowFilter} onChange={(e) => onRowFilter(e.target.value as 'all' | 'needs-changes')} data-testid="rows-filter">
          <option value="all">{tr('allRows')}</option>
          <option value="needs-changes">{tr('needsChanges')}</option>
        </select>
      </label>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onAddNote} title={t('addNoteShortcut')} data-testid="add-note">
        {t('addNote')}
      </button>
    </div>
  );
}
