import { z } from './zod';
import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { DOCUMENT_SCHEMA_VERSION, rowIdSchema, slugSchema, type BilingualDocument } from './schema';
import { emptyTarget, targetFromText } from './target';
import { runSteps } from './steps';
import { formatIssues, formatPath, parseDocument, parseDocumentSteps, parseWith, withSlug } from './validate';

const SOURCE = 'content/documents/test-doc/document.json';

function validDoc(): BilingualDocument {
  const row = (id: string, text: string) => ({
    id,
    rev: 1,
    status: 'untranslated' as const,
    source: [{ kind: 'paragraph' as const, text }],
    target: emptyTarget(),
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: null,
  });
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug: 'test-doc',
    title: 'Test',
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    rows: [row('aaaaaaaaaa', 'one'), row('bbbbbbbbbb', 'two'), row('cccccccccc', 'three')],
  };
}

/** A valid document with one change made to its plain-JSON form. */
function broken(edit: (doc: Record<string, unknown> & { rows: Record<string, unknown>[] }) => void): unknown {
  const json = JSON.parse(JSON.stringify(validDoc()));
  edit(json);
  return json;
}

function parseError(input: unknown, source = SOURCE): ModelError {
  try {
    parseDocument(input, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected parseDocument to throw');
}

describe('parseDocument', () => {
  it('accepts a valid document and returns it', () => {
    const doc = validDoc();
    expect(parseDocument(doc, SOURCE)).toEqual(doc);
  });

  it('accepts a target doc built by the model', () => {
    const doc = validDoc();
    doc.rows[0] = { ...doc.rows[0]!, status: 'draft', target: targetFromText(['a', 'b']) };
    expect(parseDocument(doc, SOURCE).rows[0]!.target.content).toHaveLength(2);
  });

  it('accepts translated rows with marks and hard breaks', () => {
    const doc = validDoc();
    doc.rows[0] = {
      ...doc.rows[0]!,
      status: 'translated',
      target: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] }, { type: 'hard_break' }] },
          { type: 'paragraph' },
        ],
      },
    };
    expect(() => parseDocument(doc, SOURCE)).not.toThrow();
  });

  it.each<[string, (d: Record<string, unknown> & { rows: Record<string, unknown>[] }) => void, string]>([
    ['a bad status', (d) => (d.rows[1]!.status = 'bogus'), 'rows[1].status'],
    ['a missing rev', (d) => delete d.rows[2]!.rev, 'rows[2].rev'],
    ['a rev of 0', (d) => (d.rows[0]!.rev = 0), 'rows[0].rev'],
    ['an empty source block', (d) => (d.rows[0]!.source = [{ kind: 'paragraph', text: '' }]), 'rows[0].source[0].text'],
    ['no source blocks', (d) => (d.rows[1]!.source = []), 'rows[1].source'],
    ['a bad block kind', (d) => (d.rows[0]!.source = [{ kind: 'quote', text: 'x' }]), 'rows[0].source[0].kind'],
    ['an unknown text-node field', (d) => (d.rows[2]!.target = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', color: 'red' }] }] }), 'rows[2].target.content[0].content[0]'],
    ['a bad updatedAt', (d) => (d.rows[0]!.updatedAt = 'yesterday'), 'rows[0].updatedAt'],
    ['an unknown row field', (d) => (d.rows[0]!.note = 'x'), 'rows[0]'],
    ['a wrong schema version', (d) => (d.schemaVersion = 2), 'schemaVersion'],
    ['a bad language', (d) => (d.targetLang = 'english!'), 'targetLang'],
    ['an empty title', (d) => (d.title = ''), 'title'],
    ['no rows', (d) => (d.rows = []), 'rows'],
  ])('names the source and the field for %s', (_name, edit, field) => {
    const error = parseError(broken(edit));
    expect(error.code).toBe('corrupt');
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true);
    expect(error.message).toContain(`${field}: `);
    expect(Array.isArray(error.details)).toBe(true);
  });

  it('names the top level when the input is not an object', () => {
    for (const input of [null, 'text', 42, []]) {
      expect(parseError(input).message).toContain(`${SOURCE}: (top level): `);
    }
  });

  it('lists at most five problems, then how many more', () => {
    const error = parseError(
      broken((d) => {
        for (const row of d.rows) {
          row.status = 'bogus';
          row.rev = -1;
        }
      }),
    );
    expect(error.message.split('; ')).toHaveLength(6);
    expect(error.message).toMatch(/… and 1 more$/);
  });

  it('rejects duplicate row ids, naming the second', () => {
    const error = parseError(broken((d) => (d.rows[2]!.id = 'aaaaaaaaaa')));
    expect(error.code).toBe('corrupt');
    expect(error.message).toBe(`${SOURCE}: rows[2].id: duplicate row id "aaaaaaaaaa"`);
  });

  it('uses the code it is given', () => {
    expect(() => parseDocument({}, 'request body', 'invalid')).toThrow(expect.objectContaining({ code: 'invalid' }));
    let caught: unknown;
    try {
      parseDocument(broken((d) => (d.rows[1]!.id = 'aaaaaaaaaa')), 'new document', 'invalid');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'invalid', message: expect.stringContaining('new document: rows[1].id') });
  });

  it.each(['Test-Doc', 'test--doc', '-test', 'test-', 'test_doc', 'test doc', '../test', 'a/b', '', 'ä', 'x'.repeat(65)])(
    'rejects the slug %j',
    (slug) => {
      expect(parseError({ ...validDoc(), slug }).message).toContain(`${SOURCE}: slug: `);
    },
  );

  it.each(['aaaaaaaaa', 'aaaaaaaaaaa', 'AAAAAAAAAA', 'aaaaa-aaaa', 'aaaaa_aaaa', 'ааааааааaa', ''])('rejects the row id %j', (id) => {
    const doc = validDoc();
    doc.rows[1] = { ...doc.rows[1]!, id };
    expect(parseError(doc).message).toContain(`${SOURCE}: rows[1].id: `);
  });
});

describe('slug and row id formats', () => {
  it.each(['a', '0', 'test', 'test-doc-2', 'x'.repeat(64), '2025-05-10'])('accepts the slug %j', (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it.each(['abcdefghij', '0123456789', 'a1b2c3d4e5'])('accepts the row id %j', (id) => {
    expect(rowIdSchema.safeParse(id).success).toBe(true);
  });
});

describe('formatPath and formatIssues', () => {
  it('formats paths as a person would write them', () => {
    expect(formatPath(['rows', 3, 'target', 'content', 0])).toBe('rows[3].target.content[0]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('(top level)');
  });

  it('joins issues with their paths', () => {
    const result = z.object({ a: z.string(), b: z.array(z.number()) }).safeParse({ a: 1, b: [1, 'x'] });
    expect(result.success).toBe(false);
    const text = formatIssues(result.error!);
    expect(text.split('; ').map((l) => l.split(': ')[0])).toEqual(['a', 'b[1]']);
  });
});

describe('parseWith', () => {
  const schema = z.strictObject({ title: z.string().min(1, 'must not be empty') });

  it('returns the parsed value', () => {
    expect(parseWith(schema, { title: 'x' }, 'request body')).toEqual({ title: 'x' });
  });

  it("throws 'invalid' by default, naming the source and field, with the issues as details", () => {
    let caught: unknown;
    try {
      parseWith(schema, { title: '' }, 'request body');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    const error = caught as ModelError;
    expect(error.code).toBe('invalid');
    expect(error.message).toBe('request body: title: must not be empty');
    expect(error.details).toEqual([expect.objectContaining({ path: ['title'] })]);
  });
});

describe('parseDocumentSteps', () => {
  const many = (): BilingualDocument => {
    const doc = validDoc();
    const row = doc.rows[0]!;
    return { ...doc, rows: Array.from({ length: 1201 }, (_, i) => ({ ...row, id: `r${String(i).padStart(9, '0')}` })) };
  };

  it('pauses between rows and gives what parseDocument gives; parseDocument then takes it as it is', () => {
    const input = many();
    const steps = parseDocumentSteps(input, SOURCE);
    let paused = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) paused++;
    expect(paused).toBe(5);
    expect(step.value).toEqual(parseDocument(input, SOURCE));
    expect(parseDocument(step.value, SOURCE)).toBe(step.value);
    const moved = withSlug(step.value, 'elsewhere');
    expect(parseDocument(moved, SOURCE)).toBe(moved);
    expect(() => withSlug(step.value, 'Not A Slug')).toThrow(ModelError);
  });

  it('reports a problem exactly as parseDocument does', () => {
    for (const broken of [
      { ...many(), title: '' },
      { ...many(), extra: 1 },
      { ...many(), rows: [] },
      (() => { const d = many(); (d.rows[1100] as { status: string }).status = 'done'; return d; })(),
      (() => { const d = many(); d.rows[700] = { ...d.rows[700]!, id: d.rows[3]!.id }; return d; })(),
    ]) {
      let expected = '';
      try {
        parseDocument(broken, SOURCE);
      } catch (e) {
        expected = (e as Error).message;
      }
      expect(expected).not.toBe('');
      expect(() => runSteps(parseDocumentSteps(broken, SOURCE))).toThrow(expected);
    }
  });
});
