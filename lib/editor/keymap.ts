import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { targetSchema } from './schema';

/** What the row editor asks of the page when a key leaves the row. */
export interface RowNavigation {
  /** Go to the previous (-1) or next (+1) row; `caret` says where the caret should land there. */
  move(delta: -1 | 1, caret: 'start' | 'end'): void;
  /** Mark this row translated and go to the next untranslated row. */
  confirm(): void;
  /** Leave the editor (Escape). */
  leave(): void;
  /** Insert the translation memory's match number `index` (0-based); false when there is none. */
  useMatch(index: number): boolean;
  /** Insert the row's machine translation (Ctrl+0); false when there is none. */
  useMt(): boolean;
  /** Insert the rendering of the row's glossary term number `index` (0-based, Alt+1…9); false when there is none. */
  useTerm(index: number): boolean;
}

const insertHardBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(targetSchema.nodes.hard_break!.create()).scrollIntoView());
  return true;
};

/** Arrow keys move to the neighbouring row only when the caret is already on the row's first or last line. */
function arrowOut(direction: 'up' | 'down', nav: RowNavigation): Command {
  return (state, _dispatch, view?: EditorView) => {
    if (!view || !state.selection.empty) return false;
    const atEdge =
      direction === 'up'
        ? state.selection.$from.index(0) === 0 && view.endOfTextblock('up')
        : state.selection.$from.index(0) === state.doc.childCount - 1 && view.endOfTextblock('down');
    if (!atEdge) return false;
    nav.move(direction === 'up' ? -1 : 1, direction === 'up' ? 'end' : 'start');
    return true;
  };
}

/** Alt+1…9: the row's glossary terms, in the order the panel numbers them. */
function termKeys(nav: RowNavigation): Record<string, Command> {
  const keys: Record<string, Command> = {};
  for (let n = 1; n <= 9; n++) keys[`Alt-${n}`] = (_state, dispatch) => (dispatch ? nav.useTerm(n - 1) : true);
  return keys;
}

/** The row editor's keys: formatting, history, row navigation, then ProseMirror's base keymap. */
export function buildKeymaps(nav: RowNavigation): Plugin[] {
  const run = (fn: () => void): Command => () => {
    fn();
    return true;
  };
  return [
    keymap({
      'Mod-b': toggleMark(targetSchema.marks.bold!),
      'Mod-i': toggleMark(targetSchema.marks.italic!),
      'Mod-z': undo,
      'Shift-Mod-z': redo,
      'Mod-y': redo,
      'Shift-Enter': insertHardBreak,
      'Mod-Enter': run(() => nav.confirm()),
      'Alt-ArrowUp': run(() => nav.move(-1, 'end')),
      'Alt-ArrowDown': run(() => nav.move(1, 'start')),
      Tab: run(() => nav.move(1, 'start')),
      'Shift-Tab': run(() => nav.move(-1, 'start')),
      ArrowUp: arrowOut('up', nav),
      ArrowDown: arrowOut('down', nav),
      Escape: run(() => nav.leave()),
      // Ctrl+1…3 as in CAT tools: the translation memory's first, second, third match.
      // Taken even when there is no such match, so the browser does not switch tabs instead.
      'Mod-1': run(() => nav.useMatch(0)),
      'Mod-2': run(() => nav.useMatch(1)),
      'Mod-3': run(() => nav.useMatch(2)),
      // Ctrl+0 as in CAT tools: the machine translation (also keeps the browser's zoom reset out of the row).
      'Mod-0': run(() => nav.useMt()),
      ...termKeys(nav),
    }),
    keymap(baseKeymap),
  ];
}
