'use client';

import { useEffect } from 'react';
import { getWindowIdleHost, runInIdleSlices, whenIdle } from '@/lib/editor/idle-slices';
import type { EditorSession } from '@/lib/editor/session';

/** Rows rendered per idle slice: a few tens of milliseconds of React and layout on this kind of machine. */
const ROWS_PER_SLICE = 20;

/**
 * What the editor does once it is usable, one idle moment at a time and never in front of a key press: fetch the
 * row editor's code (so the first click finds it), then, once every row is here (`complete`) and the person has
 * not pressed anything for a moment, put the rows that are not on screen yet into the page a few rows at a time
 * (the rest of the rows the page opened at first, then the chunks in document order), so every row ends up with
 * its real layout (the browser's find and the scroll bar see the whole document) and no slice holds the page for
 * long. Rows near the viewport come first on their own (ChunkView).
 */
export function useIdleOpen(session: EditorSession, complete: boolean): void {
  useEffect(() => {
    if (!getWindowIdleHost()) return;
    // The row editor's code first, for the first click.
    return whenIdle(() => void session.editor.preload());
  }, [session]);
  useEffect(() => {
    const host = getWindowIdleHost();
    // The rows once every one is here (a page opened at a linked row gets the rest a moment later) and the
    // person has had a moment.
    if (!host || !complete) return;
    return runInIdleSlices(host, () => session.rows.renderMore(ROWS_PER_SLICE), { quietStart: true });
  }, [session, complete]);
}
