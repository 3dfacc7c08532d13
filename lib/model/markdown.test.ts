import { describe, expect, it } from 'vitest';
import { toBilingualMarkdown } from './markdown';
import { DOCUMENT_SCHEMA_VERSION, type BilingualDocument, type Row } from './schema';
import { emptyTarget, targetFromText } from './target';

const NOW = '2025-05-10T12:00:00.000Z';

function row(id: string, source: Row['source'], target: Row['target'] = emptyTarget()): Row {
  return { id, rev: 1, status: target.content.some((p) => p.content) ? 'draft' : 'untranslated', source, target, updatedAt: NOW, updatedBy: null };
}

function doc(rows: Row[], title = 'بوتين يستقبل حفتر'): BilingualDocument {
  return { schemaVersion: DOCUMENT_SCHEMA_VERSION, slug: 'd', title, sourceLang: 'ar', targetLang: 'en', createdAt: NOW, updatedAt: NOW, rows };
}

describe('toBilingualMarkdown', () => {
  it('writes each row\'s Arabic then its English, headings and lists keeping their kind', () => {
    const md = toBilingualMarkdown(
      doc([
        row('r000000001', [{ kind: 'title', text: 'بوتين يستقبل حفتر' }], targetFromText(['Putin receives Haftar'])),
        row('r000000002', [{ kind: 'paragraph', text: 'فقرة أولى.' }], targetFromText(['First paragraph.'])),
        row('r000000003', [{ kind: 'heading', text: 'خلفية', level: 2 }], targetFromText(['Background'])),
        row('r000000004', [{ kind: 'numbered', text: 'بند أول', number: '1.' }], targetFromText(['First item'])),
        row('r000000005', [{ kind: 'numbered', text: 'بند ثان', number: '٢.' }], targetFromText(['Second item'])),
        row('r000000006', [{ kind: 'bulleted', text: 'نقطة' }], targetFromText(['A point'])),
        row('r000000007', [{ kind: 'paragraph', text: 'لم تترجم بعد.' }]),
      ]),
    );
    expect(md).toBe(
      [
        '# بوتين يستقبل حفتر',
        '# Putin receives Haftar',
        'فقرة أولى.',
        'First paragraph.',
        '## خلفية',
        '## Background',
        '1. بند أول',
        '   First item',
        '٢. بند ثان',
        '2. Second item',
        '- نقطة',
        '  A point',
        'لم تترجم بعد.',
      ].join('\n\n') + '\n',
    );
  });

  it('starts with the title when no row is the title, and escapes what Markdown would read as formatting', () => {
    const md = toBilingualMarkdown(
      doc(
        [
          row('r000000001', [{ kind: 'paragraph', text: '# ليس عنواناً *ولا* [رابطاً]' }], {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: '1. not a list ' }, { type: 'text', text: 'bold', marks: [{ type: 'bold' }] }, { type: 'hard_break' }, { type: 'text', text: 'next' }] }],
          }),
        ],
        'My <title>',
      ),
    );
    expect(md).toBe('# My \\<title\\>\n\n\\# ليس عنواناً \\*ولا\\* \\[رابطاً\\]\n\n\\1. not a list **bold**\\\nnext\n');
  });

  it('puts each translated paragraph after the source block beside it, the rest after the last', () => {
    const md = toBilingualMarkdown(
      doc([row('r000000001', [{ kind: 'paragraph', text: 'أ' }, { kind: 'paragraph', text: 'ب' }], targetFromText(['A', 'B', 'C']))], 'ت'),
    );
    expect(md).toBe('# ت\n\nأ\n\nA\n\nب\n\nB\n\nC\n');
  });
});
