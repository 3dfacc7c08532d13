import { describe, expect, it } from 'vitest';
import { RowFilter, RowSelection } from './row-filter';
import { getRowNumber } from './row-numbers';

describe('RowFilter', () => {
  it('combines statuses (any of), open notes and findings (each required)', () => {
    const filter = new RowFilter();
    const row = (status: 'draft' | 'approved', openNotes = false, qa = false) => ({ status, openNotes, qa });
    expect(filter.isActive()).toBe(false);
    expect(filter.matches(row('draft'))).toBe(true);
    filter.toggleStatus('draft');
    filter.toggleStatus('approved');
    expect(filter.getAttributes()['data-statuses']).toBe('draft approved');
    expect(filter.matches(row('approved'))).toBe(true);
    filter.set({ openNotes: true });
    expect(filter.matches(row('approved'))).toBe(false);
    expect(filter.matches(row('approved', true))).toBe(true);
    filter.set({ qa: true });
    expect(filter.matches(row('draft', true))).toBe(false);
    expect(filter.matches(row('draft', true, true))).toBe(true);
    filter.toggleStatus('draft');
    expect(filter.get().statuses).toEqual(['approved']);
    filter.clear();
    expect(filter.getAttributes()).toEqual({ 'data-statuses': undefined, 'data-open-notes': undefined, 'data-qa': undefined });
  });
});

describe('RowSelection', () => {
  it('tells only the rows whose choice changed, and all rows when the boxes come or go', () => {
    const selection = new RowSelection();
    const told: string[] = [];
    for (const id of ['a', 'b', 'c']) selection.subscribeRow(id, () => told.push(id));
    selection.setOn(true);
    expect(told.sort()).toEqual(['a', 'b', 'c']);
    told.length = 0;
    selection.toggle('b');
    selection.choose(['b', 'c']);
    expect(told).toEqual(['b', 'c']);
    expect([...selection.getIds()]).toEqual(['b', 'c']);
    selection.setOn(false);
    expect(selection.getIds().size).toBe(0);
  });
});

describe('getRowNumber', () => {
  it('numbers rows by their place in the document, across chunks', () => {
    const chunks = [
      { key: 'c0', ids: ['a', 'b'] },
      { key: 'c1', ids: ['c'] },
    ];
    expect(['a', 'b', 'c', 'x'].map((id) => getRowNumber(chunks, id))).toEqual([1, 2, 3, 0]);
  });
});
