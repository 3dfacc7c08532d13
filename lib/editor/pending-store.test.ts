import { describe, expect, it } from 'vitest';
import { PendingStore, prepareKeptEdits } from './pending-store';
import { en, memoryStorage } from './test-support';

// One file, one module instance: the order of these tests is the order of a page's life.
describe('PendingStore and the check of kept edits', () => {
  it('reads nothing and loads no check when the document has no kept edits', async () => {
    const storage = memoryStorage();
    storage.setItem('bilingual-editor:pending:other:r000000001', JSON.stringify({ target: en('Elsewhere'), baseRev: 1 }));
    const store = new PendingStore('doc', () => storage);
    expect(store.hasEntries()).toBe(false);
    await prepareKeptEdits('doc', () => storage);
    expect(store.entries()).toEqual([]);
  });

  it('refuses to read kept edits before their check is loaded, rather than drop them', () => {
    const storage = memoryStorage();
    const store = new PendingStore('doc', () => storage);
    store.put('r000000001', { target: en('Typed offline'), baseRev: 2 });
    expect(store.hasEntries()).toBe(true);
    expect(() => store.entries()).toThrow(/prepareKeptEdits/);
  });

  it('checks each kept edit once prepared: good ones come back, broken ones are left out', async () => {
    const storage = memoryStorage();
    const store = new PendingStore('doc', () => storage);
    store.put('r000000001', { target: en('Typed offline'), baseRev: 2 });
    storage.setItem('bilingual-editor:pending:doc:r000000002', '{"target": "not a document", "baseRev": 1}');
    storage.setItem('bilingual-editor:pending:doc:r000000003', 'not JSON');
    await prepareKeptEdits('doc', () => storage);
    expect(store.entries()).toEqual([['r000000001', { target: en('Typed offline'), baseRev: 2 }]]);
  });
});
