/**
 * How fast the translation memory answers: builds a synthetic memory of Arabic-like paragraphs (a small common
 * vocabulary and many rare words, as newsroom text has) and times findMatches and concordance over it.
 *   npm run bench:memory -- [--entries 20000] [--queries 50]
 */
import { parseArgs } from 'node:util';
import { concordance, findMatches, type MemoryEntry } from '@/lib/model';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, queries: { type: 'string', default: '50' } } });
const size = Number(values.entries);
const queries = Number(values.queries);

const COMMON = ['الرئيس', 'الروسي', 'بوتين', 'حفتر', 'ليبيا', 'موسكو', 'الدفاع', 'وزير', 'في', 'من', 'على', 'إلى', 'المنطقة', 'الاتفاقيات'];
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const paragraph = () =>
  Array.from({ length: 10 + Math.floor(random() * 50) }, () => (random() < 0.6 ? COMMON[Math.floor(random() * COMMON.length)]! : `كلمة${Math.floor(random() * 30000)}`)).join(' ');

const entries: MemoryEntry[] = Array.from({ length: size }, (_, i) => ({
  id: `b${i.toString(36).padStart(9, '0')}`,
  sourceLang: 'ar',
  targetLang: 'en',
  source: paragraph(),
  target: `translation ${i}`,
  origin: {},
  updatedAt: '2026-05-10T09:00:00.000Z',
  updatedBy: null,
}));

function time(label: string, fn: () => void, rounds = 1): void {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  console.log(`${label}: ${((performance.now() - started) / rounds).toFixed(2)} ms`);
}

time(`index of ${size} entries (first query)`, () => findMatches(entries[0]!.source, entries));

/** Median and 90th percentile of `fn` over `inputs`, in ms. */
function spread(label: string, inputs: string[]): void {
  const times = inputs.map((q) => {
    const started = performance.now();
    findMatches(q, entries);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  console.log(`${label}: median ${at(0.5)} ms, p90 ${at(0.9)} ms`);
}
// A paragraph with a near copy in the memory (one word added), and an unrelated one.
spread(`findMatches, near copy (${queries} queries)`, Array.from({ length: queries }, (_, i) => `${entries[(i * 97) % size]!.source} إضافة`));
spread(`findMatches, no match (${queries} queries)`, Array.from({ length: queries }, paragraph));
time(`concordance of a rare word, mean of 10`, () => concordance('كلمة12345', entries), 10);
