import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Row, RowPatch } from '@/lib/model';
import { documentOf } from '@/lib/model/test-support';
import { DocumentState } from './document-state';
import { MtSuggestions } from './mt-suggestions';
import { Repetitions } from './repetitions';
import { SAVE_DELAY_MS, SaveQueue } from './save-queue';
import { AT, docOf, elapse, en, fakeServer, memoryStorage, rowOf, savedRow } from './test-support';

/** Drafts in the editor without a browser: machine translation suggestions, draft origins on saves, repetitions. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SUGGESTION = { rowId: 'r000000002', provider: 'libretranslate', model: null, target: en('Machine words') };

describe('MtSuggestions', () => {
  it('asks nothing of a row while no provider is configured, and says so once', async () => {
    const server = fakeServer((call) => (call.url === '/api/mt' ? { status: 200, body: { provider: null, model: null, problem: 'MT_PROVIDER is not set' } } : undefined));
    const mt = new MtSuggestions('test-doc', server.client);
    await mt.load('r000000002');
    await mt.load('r000000003');
    expect(mt.isEnabled()).toBe(false);
    expect(mt.get('r000000003')).toBeNull();
    expect(server.calls.map((c) => c.url)).toEqual(['/api/mt']);
  });

  it('loads the active row’s suggestion, cancels the one before, and keeps a provider’s failure to its row', async () => {
    const server = fakeServer((call) => (call.url === '/api/mt' ? { status: 200, body: { provider: 'libretranslate', model: null, problem: null } } : undefined));
    const mt = new MtSuggestions('test-doc', server.client);
    const first = mt.load('r000000001');
    await elapse();
    const second = mt.load('r000000002');
    await elapse();
    const [a, b] = server.pending();
    expect(a!.signal?.aborted).toBe(true);
    expect(b!.url).toBe('/api/documents/test-doc/rows/r000000002/mt');
    b!.respond(200, SUGGESTION);
    await Promise.all([first, second]);
    expect(mt.getSuggestion('r000000002')).toEqual(SUGGESTION);
    expect(mt.getSuggestion('r000000001')).toBeNull();

    const third = mt.load('r000000003');
    await elapse();
    server.pending().find((c) => c.url.endsWith('/r000000003/mt'))!.respond(504, { error: { code: 'mt-timeout', message: 'LibreTranslate did not answer within 10 s' } });
    await third;
    expect(mt.get('r000000003')).toMatchObject({ state: 'error', error: { code: 'mt-timeout', status: 504 } });
    expect(mt.getProvider()).toEqual({ provider: 'libretranslate', model: null });
  });
});

describe('draft origins on saves', () => {
  it('tells the server what filled an empty row with the next text save, once', async () => {
    const doc = docOf(2);
    const server = fakeServer((call) => {
      const patch = call.body as RowPatch;
      return { status: 200, body: savedRow({ ...doc.rows[0]!, rev: patch.baseRev }, patch) };
    });
    const rows = new DocumentState(doc);
    const saves = new SaveQueue(doc.slug, rows, server.client, { storage: () => memoryStorage(), isOnline: () => true });
    rows.subscribeText((change) => saves.textChanged(change.rowId, change.anchors));
    const id = doc.rows[0]!.id;
    saves.hintDraft(id, { kind: 'mt', provider: 'libretranslate' });
    rows.setText(id, en('Machine words'), { origin: 'editor' });
    await elapse(SAVE_DELAY_MS);
    rows.setText(id, en('Machine words, edited'), { origin: 'editor' });
    await elapse(SAVE_DELAY_MS);
    expect(server.calls.map((c) => c.body)).toEqual([
      { target: en('Machine words'), baseRev: 1, origin: { kind: 'mt', provider: 'libretranslate' } },
      { target: en('Machine words, edited'), baseRev: 2 },
    ]);
  });
});

describe('Repetitions', () => {
  function setup() {
    const repeated = (n: number, text: string, english: string[] = []): Row => ({ ...rowOf(n, english), source: [{ kind: 'paragraph', text }] });
    const doc = documentOf(
      [repeated(1, 'قال الرئيسُ.'), repeated(2, 'بيان آخر.'), repeated(3, 'قال الرئيس.'), repeated(4, 'قـال  الرئيس.', ['Already here'])],
      { slug: 'test-doc', title: 'وثيقة', at: AT },
    );
    const rows = new DocumentState(doc);
    const server = fakeServer();
    const applied: Row[] = [];
    const repetitions = new Repetitions('test-doc', rows, 'layla', server.client, (list) => applied.push(...list));
    repetitions.start();
    return { rows, server, repetitions, applied, ids: doc.rows.map((r) => r.id) };
  }

  it('groups rows whose original is the same once folded, once the page is up', async () => {
    const { repetitions, ids } = setup();
    expect(repetitions.getGroup(ids[0]!)).toBeNull();
    await elapse();
    expect(repetitions.getGroup(ids[0]!)).toEqual([ids[0], ids[2], ids[3]]);
    expect(repetitions.getGroup(ids[1]!)).toBeNull();
  });

  it('offers to fill the untranslated others when this person confirms one, and fills them through the server', async () => {
    const { rows, server, repetitions, applied, ids } = setup();
    await elapse();
    rows.setText(ids[0]!, en('The president said.'), { origin: 'replace' });
    rows.applySaved({ ...rows.getRow(ids[0]!)!, rev: 2, status: 'draft', updatedBy: 'layla' });
    expect(repetitions.getPrompt(ids[0]!)).toBe(0);
    // Someone else's confirmation offers nothing here.
    rows.applySaved({ ...rows.getRow(ids[0]!)!, rev: 3, status: 'translated', updatedBy: 'omar' });
    expect(repetitions.getPrompt(ids[0]!)).toBe(0);
    rows.applySaved({ ...rows.getRow(ids[0]!)!, rev: 4, status: 'draft', updatedBy: 'layla' });
    rows.applySaved({ ...rows.getRow(ids[0]!)!, rev: 5, status: 'translated', updatedBy: 'layla' });
    expect(repetitions.getPrompt(ids[0]!)).toBe(1);

    const filling = repetitions.fill(ids[0]!);
    await elapse();
    const call = server.pending()[0]!;
    expect(call).toMatchObject({ method: 'POST', url: `/api/documents/test-doc/rows/${ids[0]}/propagate` });
    const filled = { ...rows.getRow(ids[2]!)!, rev: 2, status: 'draft' as const, target: en('The president said.') };
    call.respond(200, { filled: [filled] });
    expect(await filling).toBe(1);
    expect(applied).toEqual([filled]);
    expect(repetitions.getPrompt(ids[0]!)).toBe(0);
  });
});
