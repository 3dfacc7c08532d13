import type { Note } from '@/lib/model';

/** What the editor session asks of the page it lives in: scrolling, focus, the selection, frames, the network. */
export interface PageView {
  /** Scrolls a row into view. */
  scrollToRow(rowId: string, block: 'nearest' | 'center'): void;
  /** Puts the keyboard focus on a row itself (after leaving its editor). */
  focusRow(rowId: string): void;
  /** Scrolls a note's card, or its highlighted text (`range`, when drawn), into view. */
  scrollToNote(note: Note, where: 'card' | 'text', range: Range | null): void;
  /** The page's text selection. */
  getSelection(): Selection | null;
  /** Runs `fn` after the next frame, once what was just rendered is laid out. */
  nextFrame(fn: () => void): void;
  /** Calls `fn` whenever the browser comes back online; answers the unsubscribe. */
  onOnline(fn: () => void): () => void;
  /** Calls `fn` whenever the browser goes offline; answers the unsubscribe. */
  onOffline?(fn: () => void): () => void;
}

/** The PageView of a real page: rows are `#row-<id>`, note cards `#note-<id>`, cells `#row-<id>-<side>`. */
export function domPageView(): PageView {
  const byId = (id: string) => document.getElementById(id);
  return {
    scrollToRow: (rowId, block) => byId(`row-${rowId}`)?.scrollIntoView({ block }),
    focusRow: (rowId) => byId(`row-${rowId}`)?.focus(),
    scrollToNote: (note, where, range) => {
      const target = where === 'card' ? byId(`note-${note.id}`) : (range?.startContainer.parentElement ?? byId(`row-${note.rowId}-${note.side}`));
      target?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    },
    getSelection: () => window.getSelection(),
    nextFrame: (fn) => void requestAnimationFrame(() => fn()),
    onOnline: (fn) => {
      window.addEventListener('online', fn);
      return () => window.removeEventListener('online', fn);
    },
    onOffline: (fn) => {
      window.addEventListener('offline', fn);
      return () => window.removeEventListener('offline', fn);
    },
  };
}
