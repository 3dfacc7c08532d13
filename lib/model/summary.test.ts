/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads the seed document from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDocumentSummary } from './summary';
import { parseDocument } from './validate';

const SEED = path.resolve(import.meta.dirname, '../../content/documents/putin-receives-haftar/document.json');

describe('getDocumentSummary', () => {
  it('summarises the seed article: rows by status, progress by rows and by source words', () => {
    const doc = parseDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'document.json');
    const summary = getDocumentSummary(doc, true);
    expect(summary.slug).toBe('putin-receives-haftar');
    expect(summary.targetTitle).toBe('Putin Receives General Haftar at the Kremlin');
    expect(summary.rowCount).toBe(doc.rows.length);
    expect(summary.published).toBe(true);
    const done = summary.statusCounts.translated + summary.statusCounts.approved;
    expect(summary.progress).toBeCloseTo(done / doc.rows.length);
    // An independent count: the seed's words are the space-separated tokens holding a letter or digit.
    const words = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
    const sourceWords = (rows: typeof doc.rows) => rows.reduce((n, r) => n + r.source.reduce((m, b) => m + words(b.text), 0), 0);
    const doneRows = doc.rows.filter((r) => r.status === 'translated' || r.status === 'approved');
    expect(summary.words).toEqual({ translated: sourceWords(doneRows), total: sourceWords(doc.rows) });
    expect(summary.words.translated).toBeGreaterThan(0);
    expect(summary.words.total).toBeGreaterThan(summary.words.translated);
  });
});
