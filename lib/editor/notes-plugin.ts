import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { posToTextOffset, textOffsetToPos } from './text-offsets';

/** A note's range in the row's translation, as ProseMirror positions. */
export interface PMAnchor {
  noteId: string;
  from: number;
  to: number;
}

/** A note's range after the edits, as text offsets, or detached when its text is gone. */
export interface MappedAnchor {
  noteId: string;
  start?: number;
  end?: number;
  detached?: boolean;
}

interface NotesPluginState {
  anchors: PMAnchor[];
  /** Notes whose whole range was deleted by an edit since the anchors were set. */
  detached: string[];
}

export const notesPluginKey = new PluginKey<NotesPluginState>('notes');

/**
 * Keeps the notes' ranges in the row being edited mapped through every change, so a note moves with its text
 * and shrinks when part of it is deleted; a range deleted whole marks its note detached. Ranges are mapped
 * through `tr.mapping`, never recomputed from the text.
 */
export function notesPlugin(initial: PMAnchor[]): Plugin<NotesPluginState> {
  return new Plugin<NotesPluginState>({
    key: notesPluginKey,
    state: {
      init: () => ({ anchors: initial, detached: [] }),
      apply(tr: Transaction, value: NotesPluginState): NotesPluginState {
        const reset = tr.getMeta(notesPluginKey) as PMAnchor[] | undefined;
        if (reset) return { anchors: reset, detached: [] };
        if (!tr.docChanged) return value;
        const anchors: PMAnchor[] = [];
        const detached = value.detached.slice();
        for (const a of value.anchors) {
          const from = tr.mapping.map(a.from, 1);
          const to = tr.mapping.map(a.to, -1);
          if (to > from) anchors.push({ ...a, from, to });
          else detached.push(a.noteId);
        }
        return { anchors, detached };
      },
    },
  });
}

/** Anchors from text offsets, for the document in `state`. */
export function toPMAnchors(state: EditorState | { doc: EditorState['doc'] }, anchors: { noteId: string; start: number; end: number }[]): PMAnchor[] {
  return anchors.map((a) => ({ noteId: a.noteId, from: textOffsetToPos(state.doc, a.start), to: textOffsetToPos(state.doc, a.end) }));
}

/** The notes' ranges in `state` as text offsets, plus the ones that became detached. */
export function getMappedAnchors(state: EditorState): MappedAnchor[] {
  const value = notesPluginKey.getState(state);
  if (!value) return [];
  return [
    ...value.anchors.map((a) => ({ noteId: a.noteId, start: posToTextOffset(state.doc, a.from), end: posToTextOffset(state.doc, a.to) })),
    ...value.detached.map((noteId) => ({ noteId, detached: true })),
  ];
}

/** A transaction that replaces the tracked anchors (after notes were added or removed elsewhere). */
export function setAnchors(state: EditorState, anchors: PMAnchor[]): Transaction {
  return state.tr.setMeta(notesPluginKey, anchors).setMeta('addToHistory', false);
}
