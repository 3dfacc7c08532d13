import { describe, expect, it, vi } from 'vitest';
import { targetFromText } from '@/lib/model';
import { LazyRowEditor } from './lazy-row-editor';
import type { RowEditorCallbacks } from './row-editor';

function callbacks(): RowEditorCallbacks {
  return {
    change: vi.fn(),
    anchorsFor: () => [],
    rendered: vi.fn(),
    move: vi.fn(),
    confirm: vi.fn(),
    leave: vi.fn(),
    useMatch: () => false,
    useMt: () => false,
    useTerm: () => false,
  };
}

describe('LazyRowEditor', () => {
  it('answers as an editor with nothing mounted until its code is here, and holds the row that asked', () => {
    const editor = new LazyRowEditor(callbacks());
    expect(editor.activeRowId).toBeNull();
    expect(editor.applyText('r1', targetFromText(['x']), 'replace')).toBe(false);
    expect(editor.run('bold')).toBe(false);
    expect(editor.insertText('r1', 'y')).toBe(false);

    // A mount before the code arrived: the row is the one being opened, and text put into it meanwhile
    // (a restored edit) is written to its owner by the caller, since no state is kept for it yet.
    editor.mount({} as HTMLElement, 'r1', targetFromText(['a']), 'end');
    expect(editor.activeRowId).toBe('r1');
    expect(editor.applyText('r1', targetFromText(['b']), 'restore')).toBe(false);
    editor.unmount();
    expect(editor.activeRowId).toBeNull();
  });

  it('loads its code once, and mounts nothing that was unmounted while it loaded', async () => {
    const editor = new LazyRowEditor(callbacks());
    editor.mount({} as HTMLElement, 'r1', targetFromText(['a']), null);
    editor.forget('r1');
    const first = editor.preload();
    expect(editor.preload()).toBe(first);
    await first;
    expect(editor.activeRowId).toBeNull();
    expect(editor.applyText('r1', targetFromText(['b']), 'replace')).toBe(false);
  });
});
