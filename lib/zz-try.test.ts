import { test } from 'vitest';
import { parseSourceText, documentSchema, createDocumentFromText } from '@/lib/model';
test('x', () => {
  console.log(JSON.stringify(parseSourceText('Alpha\nBravo\n\n')));
  console.log(JSON.stringify(parseSourceText('You are currently viewing T\n\n\nAlpha\nBravo')));
  console.log(JSON.stringify(parseSourceText('## Intro to C#\n\nText here.')));
  const doc = createDocumentFromText({ text: 'T\n\nBody.' }, { now: '2025-01-01T00:00:00.000Z', user: null, newId: () => 'abcdefghij', slug: 'x' });
  const rev = JSON.parse(JSON.stringify(doc, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
  console.log(JSON.stringify(rev).slice(0, 200));
  console.log(JSON.stringify(documentSchema.parse(rev)).slice(0, 200));
});
