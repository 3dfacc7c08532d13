/**
 * How fast the translation memory answers: builds a synthetic memory of Arabic-like paragraphs (a small common
 * vocabulary and many rare words, as newsroom text has) and times findMatches and concordance over it.
 *   npm run bench:memory -- [--entries 20000] [--queries 50]
 */
import { parseArgs } from 'node:util';
import { concordance, findMatches, type TmEntry } from '@/lib/model';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, queries: { type: 'string', default: '50' } } });
const size = Number(values.entries);
const queries = Number(values.queries);

const COMMON = ['الرئيس', 'الروسي', 'بوتين', 'حفتر', 'ليبيا', 'موسكو', 'الدفاع', 'وزير', 'في', 'من', 'على', 'إلى', 'المنطقة', 'الاتفاقيات'];
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const paragraph = () =>
  Array.from({ length: 10 + Math.floor(random() * 50) }, () => (random() < 0.6 ? COMMON[Math.floor(random() * COMMON.length)]! : `كلمة${Math.floor(random() * 30000)}`)).join(' ');

const entries: TmEntry[] = Array.from({ length: size }, (_, i) => ({
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
let n = 0;
// Half the queries are an entry with one word added (a match near 98%), half a fresh paragraph (no match).
time(`findMatches, mean of ${queries}`, () => findMatches(n++ % 2 ? `${entries[(n * 97) % size]!.source} إضافة` : paragraph(), entries), queries);
time(`concordance of a rare word, mean of 10`, () => concordance('كلمة12345', entries), 10);
