import { describe, expect, it } from 'vitest';
import { CachedProvider } from './cached';
import { MtError, type MtProvider, type MtRequest } from './types';

function counting(fail = false): MtProvider & { calls: number } {
  return {
    name: 'openai',
    model: 'm',
    calls: 0,
    async translate(request: MtRequest) {
      this.calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new MtError('unavailable', 'down');
      return request.segments.map((s) => [{ text: `T:${s.map((r) => r.text).join('')}` }]);
    },
  };
}

const req = (text: string, terms: { term: string; rendering: string }[] = []): MtRequest => ({ sourceLang: 'ar', targetLang: 'en', segments: [[{ text }]], terms });

describe('CachedProvider', () => {
  it('asks once per text, provider, model and terms; shares a request on its way; bounded', async () => {
    const inner = counting();
    const cached = new CachedProvider(inner, { maxEntries: 2 });
    const [a, b] = await Promise.all([cached.translate(req('نص')), cached.translate(req('نص'))]);
    expect(a).toEqual(b);
    expect(inner.calls).toBe(1);
    await cached.translate({ ...req('نص'), context: { before: ['مختلف'] } });
    expect(inner.calls).toBe(1);
    await cached.translate(req('نص', [{ term: 'نص', rendering: 'text' }]));
    expect(inner.calls).toBe(2);
    await cached.translate(req('آخر'));
    await cached.translate(req('ثالث'));
    expect(cached.has(req('نص'))).toBe(false);
    expect(cached.has(req('ثالث'))).toBe(true);
  });

  it('does not remember failures', async () => {
    const inner = counting(true);
    const cached = new CachedProvider(inner);
    await expect(cached.translate(req('نص'))).rejects.toThrow('down');
    await expect(cached.translate(req('نص'))).rejects.toThrow('down');
    expect(inner.calls).toBe(2);
  });
});
