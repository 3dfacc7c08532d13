import { describe, expect, it, vi } from 'vitest';
import { RowListeners } from './row-listeners';

describe('RowListeners', () => {
  it('tells only the row that changed, every row when asked, and nobody after unsubscribing', () => {
    const rows = new RowListeners();
    const a = vi.fn();
    const b = vi.fn();
    const offA = rows.add('a', a);
    rows.add('b', b);
    rows.notify('a');
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 0]);
    rows.notifyAll();
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([2, 1]);
    offA();
    offA();
    rows.notify('a');
    rows.notifyAll();
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([2, 2]);
  });

  it('keeps a row listened to by someone else after one listener leaves, and takes a row listened to again', () => {
    const rows = new RowListeners();
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = rows.add('a', first);
    rows.add('a', second);
    offFirst();
    rows.notify('a');
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([0, 1]);
    const again = vi.fn();
    rows.add('a', again);
    rows.notify('a');
    expect(again).toHaveBeenCalledTimes(1);
  });
});
