import fc from 'fast-check';
import { Node, type Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { applyMappedAnchors, makeQuote } from '@/lib/model/anchoring';
import type { Note } from '@/lib/model/notes';
import { getSideText } from '@/lib/model/note-sides';
import { DOCUMENT_SCHEMA_VERSION, targetDocSchema, type BilingualDocument, type Row, type TargetDoc } from '@/lib/model/schema';
import { getMappedAnchors, notesPlugin, notesPluginKey, setAnchors, toPMAnchors, type MappedAnchor } from './notes-plugin';
import { targetSchema } from './schema';
import { textOffsetToPos } from './text-offsets';

const ROW = 'aaaaaaaaaa';
const NOTE = 'note000001';
const OTHER = 'note000002';
const WHEN = '2025-05-10T12:30:00.000Z';

const P1 = 'In a notable diplomatic development, Russian President Vladimir Putin received the commander of the Libyan National Army.';
const P2 = 'The RIA Novosti agency confirmed the meeting at the Kremlin.';

function docJSON(...paragraphs: string[]): TargetDoc {
  return {
    type: 'doc',
    content: paragraphs.map((text) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })),
  };
}

function rowWith(doc: PMNode): Row {
  return {
    id: ROW,
    rev: 1,
    status: 'draft',
    source: [{ kind: 'paragraph', text: 'استقبل الرئيس الروسي فلاديمير بوتين' }],
    target: targetDocSchema.parse(doc.toJSON()),
    updatedAt: WHEN,
    updatedBy: null,
  };
}

/** The translation's text as the server counts it. */
function textOf(doc: PMNode): string {
  return getSideText(rowWith(doc), 'target');
}

/** A state of `paragraphs` tracking notes on the given words (their first occurrence). */
function stateWith(paragraphs: string[], notes: Record<string, string>): EditorState {
  const doc = Node.fromJSON(targetSchema, docJSON(...paragraphs));
  const text = textOf(doc);
  const anchors = Object.entries(notes).map(([noteId, words]) => {
    const start = text.indexOf(words);
    if (start < 0) throw new Error(`"${words}" not in the text`);
    return { noteId, start, end: start + words.length };
  });
  return EditorState.create({ doc, plugins: [notesPlugin(toPMAnchors({ doc }, anchors))] });
}

/** Text offset → ProseMirror position in the state's doc. */
function at(state: EditorState, offset: number): number {
  return textOffsetToPos(state.doc, offset);
}

function mapped(state: EditorState, noteId = NOTE): MappedAnchor {
  const found = getMappedAnchors(state).find((a) => a.noteId === noteId);
  if (!found) throw new Error(`no anchor for ${noteId}`);
  return found;
}

/** The words a note covers now. */
function covered(state: EditorState, noteId = NOTE): string {
  const a = mapped(state, noteId);
  expect(a.detached).toBeUndefined();
  return textOf(state.doc).slice(a.start, a.end);
}

function edit(state: EditorState, change: (tr: Transaction) => Transaction): EditorState {
  return state.apply(change(state.tr));
}

describe('notesPlugin', () => {
  const putin = P1.indexOf('Vladimir Putin');

  it('starts with the anchors it is given, as text offsets', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin', [OTHER]: 'RIA Novosti' });
    expect(getMappedAnchors(state)).toEqual([
      { noteId: NOTE, start: putin, end: putin + 14 },
      { noteId: OTHER, start: P1.length + 1 + P2.indexOf('RIA'), end: P1.length + 1 + P2.indexOf('RIA') + 11 },
    ]);
    expect(covered(state, OTHER)).toBe('RIA Novosti');
  });

  it('moves a range when text is inserted before it', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin', [OTHER]: 'RIA Novosti' });
    const next = edit(state, (tr) => tr.insertText('Breaking: ', at(state, 0)));
    expect(mapped(next)).toEqual({ noteId: NOTE, start: putin + 10, end: putin + 24 });
    expect(covered(next)).toBe('Vladimir Putin');
    expect(covered(next, OTHER)).toBe('RIA Novosti');
  });

  it('grows a range when text is inserted inside it', () => {
    const state = stateWith([P1], { [NOTE]: 'Vladimir Putin' });
    const next = edit(state, (tr) => tr.insertText('V. ', at(state, putin + 9)));
    expect(mapped(next)).toEqual({ noteId: NOTE, start: putin, end: putin + 17 });
    expect(covered(next)).toBe('Vladimir V. Putin');
  });

  it('does not grow a range when text is typed right before or right after it', () => {
    const state = stateWith([P1], { [NOTE]: 'Vladimir Putin' });
    const before = edit(state, (tr) => tr.insertText('Mr ', at(state, putin)));
    expect(covered(before)).toBe('Vladimir Putin');
    expect(mapped(before)).toMatchObject({ start: putin + 3 });
    const after = edit(state, (tr) => tr.insertText(' himself', at(state, putin + 14)));
    expect(covered(after)).toBe('Vladimir Putin');
    expect(mapped(after)).toMatchObject({ start: putin, end: putin + 14 });
  });

  it('shrinks a range when part of it is deleted', () => {
    const state = stateWith([P1], { [NOTE]: 'Russian President Vladimir Putin' });
    const start = P1.indexOf('Russian');
    // Delete "President " inside it.
    const inner = edit(state, (tr) => tr.delete(at(state, start + 8), at(state, start + 18)));
    expect(covered(inner)).toBe('Russian Vladimir Putin');
    expect(mapped(inner)).toEqual({ noteId: NOTE, start, end: start + 22 });
    // Delete from before it into it: the start follows the deletion.
    const overlapStart = edit(state, (tr) => tr.delete(at(state, start - 13), at(state, start + 8)));
    expect(covered(overlapStart)).toBe('President Vladimir Putin');
    expect(mapped(overlapStart)).toMatchObject({ start: start - 13 });
    // Delete from inside it past its end.
    const overlapEnd = edit(state, (tr) => tr.delete(at(state, start + 26), at(state, start + 41)));
    expect(covered(overlapEnd)).toBe('Russian President Vladimir');
  });

  it('marks a note detached when all of its text is deleted, and forgets its range', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin', [OTHER]: 'RIA Novosti' });
    const exact = edit(state, (tr) => tr.delete(at(state, putin), at(state, putin + 14)));
    expect(getMappedAnchors(exact)).toEqual([
      { noteId: OTHER, start: P1.length + 1 + P2.indexOf('RIA') - 14, end: P1.length + 1 + P2.indexOf('RIA') - 3 },
      { noteId: NOTE, detached: true },
    ]);
    expect(covered(exact, OTHER)).toBe('RIA Novosti');
    // A deletion around it detaches it too; later edits keep it detached.
    const wider = edit(state, (tr) => tr.delete(at(state, putin - 18), at(state, putin + 23)));
    expect(mapped(wider)).toEqual({ noteId: NOTE, detached: true });
    const later = edit(wider, (tr) => tr.insertText('Vladimir Putin', at(wider, putin - 18)));
    expect(getMappedAnchors(later).filter((a) => a.noteId === NOTE)).toEqual([{ noteId: NOTE, detached: true }]);
  });

  it('moves a range when a paragraph is split before it, by one "\\n"', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin', [OTHER]: 'RIA Novosti' });
    const cut = P1.indexOf('Russian');
    const next = edit(state, (tr) => tr.split(at(state, cut)));
    expect(next.doc.childCount).toBe(3);
    expect(mapped(next)).toEqual({ noteId: NOTE, start: putin + 1, end: putin + 15 });
    expect(covered(next)).toBe('Vladimir Putin');
    expect(covered(next, OTHER)).toBe('RIA Novosti');
    // And back when the paragraphs are joined again.
    const joined = edit(next, (tr) => tr.join(next.doc.child(0).nodeSize));
    expect(mapped(joined)).toEqual({ noteId: NOTE, start: putin, end: putin + 14 });
  });

  it('keeps a range across a paragraph split inside it, the "\\n" included', () => {
    const state = stateWith([P1], { [NOTE]: 'Vladimir Putin' });
    const next = edit(state, (tr) => tr.split(at(state, putin + 9)));
    expect(covered(next)).toBe('Vladimir \nPutin');
  });

  it('moves a range when a hard break is inserted before it', () => {
    const state = stateWith([P1], { [NOTE]: 'Vladimir Putin' });
    const next = edit(state, (tr) => tr.insert(at(state, 4), targetSchema.nodes.hard_break!.create()));
    expect(mapped(next)).toEqual({ noteId: NOTE, start: putin + 1, end: putin + 15 });
    expect(covered(next)).toBe('Vladimir Putin');
  });

  it('leaves its state alone for transactions that do not change the doc', () => {
    const state = stateWith([P1], { [NOTE]: 'Vladimir Putin' });
    const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    expect(notesPluginKey.getState(next)).toBe(notesPluginKey.getState(state));
  });

  it('replaces its anchors and forgets detached notes on setAnchors, outside the undo history', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin' });
    const detached = edit(state, (tr) => tr.delete(at(state, putin), at(state, putin + 14)));
    expect(mapped(detached)).toEqual({ noteId: NOTE, detached: true });
    const start = textOf(detached.doc).indexOf('RIA Novosti');
    const tr = setAnchors(detached, toPMAnchors(detached, [{ noteId: OTHER, start, end: start + 11 }]));
    expect(tr.getMeta('addToHistory')).toBe(false);
    const reset = detached.apply(tr);
    expect(getMappedAnchors(reset)).toEqual([{ noteId: OTHER, start, end: start + 11 }]);
  });

  it('gives offsets that, applied to the new doc on the server, still quote the same words', () => {
    const state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin', [OTHER]: 'RIA Novosti' });
    // Several edits: a word before, a new first paragraph, a deletion after.
    let next = edit(state, (tr) => tr.insertText('On Saturday, ', at(state, 0)));
    next = edit(next, (tr) => tr.split(at(next, 0)));
    next = edit(next, (tr) => tr.insertText('Moscow, 10 May', at(next, 0)));
    const libyan = textOf(next.doc).indexOf(' of the Libyan');
    next = edit(next, (tr) => tr.delete(at(next, libyan), at(next, libyan + 25)));
    expect(textOf(next.doc).split('\n')[0]).toBe('Moscow, 10 May');

    const before = textOf(state.doc);
    const notes: Note[] = [NOTE, OTHER].map((id) => {
      const a = mapped(state, id);
      const position = { start: a.start!, end: a.end! };
      return {
        id,
        rowId: ROW,
        side: 'target',
        quote: makeQuote(before, position),
        position,
        detached: false,
        body: 'Keep the usual spelling.',
        author: 'amira',
        createdAt: WHEN,
        updatedAt: WHEN,
        status: 'open',
        visibility: 'internal',
        replies: [],
      };
    });
    const doc: BilingualDocument = {
      schemaVersion: DOCUMENT_SCHEMA_VERSION,
      slug: 'putin-haftar',
      title: 'Putin receives Haftar',
      sourceLang: 'ar',
      targetLang: 'en',
      createdAt: WHEN,
      updatedAt: WHEN,
      rows: [rowWith(next.doc)],
    };
    const out = applyMappedAnchors(notes, doc, ROW, getMappedAnchors(next));
    expect(out.map((n) => n.quote!.exact)).toEqual(['Vladimir Putin', 'RIA Novosti']);
    expect(out[0]!.position!.start).toBeGreaterThan(notes[0]!.position!.start);
    expect(out[0]!.quote!.prefix!.endsWith('Russian President ')).toBe(true);
  });
});

/** One edit, in text offsets of the current text (taken modulo its length). */
type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; from: number; to: number }
  | { kind: 'split'; at: number }
  | { kind: 'break'; at: number };

/** Strings of Latin and Arabic letters, spaces, tatweel, a damma and Arabic punctuation. */
function word(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...'aZx بوتينحفترـ\u064F،.'), { minLength, maxLength }).map((cs) => cs.join(''));
}

const edits: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: word(1, 6) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('break' as const), at: fc.nat() }) },
);

/**
 * What should happen to a range [start, end) of text offsets: text inserted at or before its start moves it,
 * inside it grows it, at or after its end leaves it; deleted text shrinks it; with nothing left it is detached.
 */
interface Model {
  text: string;
  start: number;
  end: number;
  detached: boolean;
  /** Whether an edit so far touched the inside of the range. */
  touched: boolean;
}

function applyToModel(m: Model, e: Edit): { model: Model; from: number; to: number; insert: string } {
  const n = m.text.length + 1;
  if (e.kind === 'delete') {
    const a = Math.min(e.from % n, e.to % n);
    const b = Math.max(e.from % n, e.to % n);
    const cut = (x: number) => x - Math.max(0, Math.min(x, b) - a);
    const start = cut(m.start);
    const end = cut(m.end);
    const touched = m.touched || (!m.detached && a < m.end && b > m.start);
    const model = { text: m.text.slice(0, a) + m.text.slice(b), start, end, detached: m.detached || end <= start, touched };
    return { model, from: a, to: b, insert: '' };
  }
  const at = e.at % n;
  const insert = e.kind === 'insert' ? e.text : '\n';
  const L = insert.length;
  const start = at <= m.start ? m.start + L : m.start;
  const end = at < m.end ? m.end + L : m.end;
  const touched = m.touched || (!m.detached && at > m.start && at < m.end);
  return { model: { text: m.text.slice(0, at) + insert + m.text.slice(at), start, end, detached: m.detached, touched }, from: at, to: at, insert };
}

describe('notesPlugin with random edits (property)', () => {
  const paragraphs = fc.array(word(0, 20), { minLength: 1, maxLength: 4 }).filter((ps) => ps.join('\n').length > 0);

  it('maps a note exactly as the text moved: moved, grown, shrunk or detached, never out of bounds', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.nat(), fc.array(edits, { maxLength: 12 }), (ps, x, y, changes) => {
        const initial = ps.join('\n');
        const a = x % (initial.length + 1);
        const b = y % (initial.length + 1);
        fc.pre(a !== b);
        const [start, end] = a < b ? [a, b] : [b, a];
        const quote = initial.slice(start, end);
        let state = stateWith(ps, {});
        state = state.apply(setAnchors(state, toPMAnchors(state, [{ noteId: NOTE, start, end }])));
        let model: Model = { text: initial, start, end, detached: false, touched: false };
        expect(textOf(state.doc)).toBe(initial);

        for (const change of changes) {
          const step = applyToModel(model, change);
          const from = at(state, step.from);
          const to = at(state, step.to);
          state = edit(state, (tr) => {
            if (change.kind === 'delete') return tr.delete(from, to);
            if (change.kind === 'split') return tr.split(from);
            if (change.kind === 'break') return tr.insert(from, targetSchema.nodes.hard_break!.create());
            return tr.insertText(step.insert, from);
          });
          model = step.model;
          const text = textOf(state.doc);
          // The edit did to the text what the model says (the offsets above are meaningful).
          expect(text).toBe(model.text);

          const [anchor, ...rest] = getMappedAnchors(state);
          expect(rest).toEqual([]);
          if (model.detached) {
            expect(anchor).toEqual({ noteId: NOTE, detached: true });
            continue;
          }
          expect(anchor!.detached).toBeUndefined();
          const s = anchor!.start!;
          const t = anchor!.end!;
          expect(0 <= s && s < t && t <= text.length).toBe(true);
          expect({ start: s, end: t }).toEqual({ start: model.start, end: model.end });
          if (!model.touched) expect(text.slice(s, t)).toBe(quote);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the quoted words when all edits are outside the range', () => {
    fc.assert(
      fc.property(fc.array(edits, { maxLength: 15 }), (changes) => {
        let state = stateWith([P1, P2], { [NOTE]: 'Vladimir Putin' });
        for (const change of changes) {
          const a = mapped(state);
          const text = textOf(state.doc);
          const n = text.length + 1;
          // Keep each edit outside the note: before its start or after its end.
          let from: number;
          let to: number;
          if (change.kind === 'delete') {
            const x = change.from % n;
            const y = change.to % n;
            [from, to] = x <= y ? [x, y] : [y, x];
            if (to > a.start! && from < a.end!) continue;
          } else {
            from = to = change.at % n;
            if (from > a.start! && from < a.end!) continue;
          }
          state = edit(state, (tr) => {
            if (change.kind === 'delete') return tr.delete(at(state, from), at(state, to));
            if (change.kind === 'split') return tr.split(at(state, from));
            if (change.kind === 'break') return tr.insert(at(state, from), targetSchema.nodes.hard_break!.create());
            return tr.insertText(change.text, at(state, from));
          });
          const next = mapped(state);
          expect(next.start! <= next.end! && next.end! <= textOf(state.doc).length).toBe(true);
          expect(covered(state)).toBe('Vladimir Putin');
        }
      }),
      { numRuns: 300 },
    );
  });
});
