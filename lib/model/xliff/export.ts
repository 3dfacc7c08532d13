import { getLangDir } from '../lang';
import type { Note } from '../notes';
import type { BilingualDocument, Row } from '../schema';
import { isTargetEmpty } from '../target';
import {
  collectDataRefs,
  collectIds,
  getInlineText,
  inlineToTarget,
  needsPreserve,
  parseInlineMarkup,
  splitBlocks,
  targetToInline,
  writeInline12,
  writeInline2,
  XLIFF12_NS,
  XLIFF2_NS,
  type Inline,
  type OriginalData,
} from './inline';
import { BLOCK_META, DOCUMENT_META, DRAFT_ORIGIN_META, MDA_NS } from './parse';
import { statusToXliff12, statusToXliff2 } from './states';
import { escapeText, formatAttrs, NOTES_EXT_NS } from './xml';

export { NOTES_EXT_NS };

/** NMTOKEN: what XLIFF allows as an id. */
const NMTOKEN = /^[\p{L}\p{N}._:-]+$/u;

/** The inline content a row exports, and whether it came from the markup an import kept. */
interface RowContent {
  source: Inline[];
  target: Inline[] | null;
  data: OriginalData;
  preserveSource: boolean;
  preserveTarget: boolean;
}

/**
 * A row's source and target as inline content. The markup an import kept (with its `<ph/>`, `<pc>`, `<mrk>`…) is
 * used for a side while that side's text is still what was imported; once the translator edited the target, the
 * edited text is exported and the codes that cannot be placed in it are dropped from the target (the source keeps
 * them). A source that changed (a split or a merge) drops the kept markup of both sides. Markup that does not
 * parse (a hand-edited file) is ignored the same way.
 */
export function getRowContent(row: Row): RowContent {
  const sourceText = row.source.map((b) => b.text).join('\n\n');
  const keptSource = row.xliff?.source !== undefined ? parseInlineMarkup(row.xliff.source) : null;
  const keptText = keptSource ? getInlineText(keptSource) : null;
  const sourceMatches = keptText !== null && [true, false].some((preserve) => splitBlocks(keptText, preserve).join('\n\n') === sourceText);
  const source = sourceMatches && keptSource ? keptSource : [sourceText];
  let target: Inline[] | null = null;
  let keptTargetUsed = false;
  if (!isTargetEmpty(row.target)) {
    // The target's codes correspond to the source's: once the source is not the kept one, neither is the target.
    const keptTarget = row.xliff?.target !== undefined && (sourceMatches || row.xliff.source === undefined) ? parseInlineMarkup(row.xliff.target) : null;
    const matches = (preserve: boolean) => keptTarget !== null && JSON.stringify(inlineToTarget(keptTarget, preserve)) === JSON.stringify(row.target);
    if (keptTarget && (matches(true) || matches(false))) {
      target = keptTarget;
      keptTargetUsed = true;
    } else target = targetToInline(row.target, collectIds(source));
  }
  const refs = new Set<string>();
  if (sourceMatches) collectDataRefs(source, refs);
  if (keptTargetUsed && target) collectDataRefs(target, refs);
  const data: OriginalData = {};
  for (const ref of refs) if (row.xliff?.data?.[ref] !== undefined) data[ref] = row.xliff.data[ref];
  // A code stands between the words around it: "Click <ph/> here" needs no preserved spaces.
  const sourceString = getInlineText(source, '\uFFFC');
  const targetString = target ? getInlineText(target, '\uFFFC') : '';
  return { source, target, data, preserveSource: needsPreserve(sourceString), preserveTarget: needsPreserve(targetString) };
}

/** The id each row's unit gets: the unit id an import kept, unless it is not an NMTOKEN or another row has it. */
function getUnitIds(doc: BilingualDocument): Map<string, string> {
  const taken = new Set(doc.rows.map((r) => r.id));
  const ids = new Map<string, string>();
  for (const row of doc.rows) {
    const kept = row.xliff?.unitId;
    if (kept && kept !== row.id && NMTOKEN.test(kept) && !taken.has(kept)) {
      taken.add(kept);
      ids.set(row.id, kept);
    } else ids.set(row.id, row.id);
  }
  return ids;
}

const indent = (n: number) => '  '.repeat(n);

/** Notes by the row they are on, in their order. */
function notesByRow(notes: Note[]): Map<string, Note[]> {
  const map = new Map<string, Note[]>();
  for (const note of notes) {
    const list = map.get(note.rowId);
    if (list) list.push(note);
    else map.set(note.rowId, [note]);
  }
  return map;
}

export { DRAFT_ORIGIN_META };

function blocksMeta(row: Row, depth: number): string[] {
  const blocks = !(row.source.length === 1 && row.source[0]!.kind === 'paragraph');
  const origin = row.origin;
  if (!blocks && !origin) return [];
  const lines = [`${indent(depth)}<mda:metadata>`];
  for (const block of blocks ? row.source : []) {
    lines.push(`${indent(depth + 1)}<mda:metaGroup${formatAttrs({ category: BLOCK_META })}>`);
    lines.push(`${indent(depth + 2)}<mda:meta type="kind">${block.kind}</mda:meta>`);
    if (block.level !== undefined) lines.push(`${indent(depth + 2)}<mda:meta type="level">${block.level}</mda:meta>`);
    if (block.number !== undefined) lines.push(`${indent(depth + 2)}<mda:meta type="number">${escapeText(block.number)}</mda:meta>`);
    lines.push(`${indent(depth + 1)}</mda:metaGroup>`);
  }
  if (origin) {
    const meta: [string, string | undefined][] = [
      ['origin', origin.kind],
      ['score', origin.score === undefined ? undefined : String(Math.floor(origin.score * 100 + 1e-6))],
      ['provider', origin.provider],
      ['model', origin.model],
      ['run', origin.runId],
      ['from-row', origin.fromRowId],
      ['post-edit-distance', origin.postEdit === undefined ? undefined : String(origin.postEdit.distance)],
    ];
    lines.push(`${indent(depth + 1)}<mda:metaGroup${formatAttrs({ category: DRAFT_ORIGIN_META, appliesTo: 'target' })}>`);
    for (const [type, value] of meta) if (value !== undefined) lines.push(`${indent(depth + 2)}<mda:meta type="${type}">${escapeText(value)}</mda:meta>`);
    lines.push(`${indent(depth + 1)}</mda:metaGroup>`);
  }
  lines.push(`${indent(depth)}</mda:metadata>`);
  return lines;
}

function notesOf(notes: Note[], depth: number): string[] {
  if (!notes.length) return [];
  const lines = [`${indent(depth)}<notes>`];
  for (const note of notes) {
    const attrs = formatAttrs([
      ['id', `n-${note.id}`],
      ['appliesTo', note.side],
      ['category', note.visibility],
      ['bn:author', note.author],
      ['bn:status', note.status],
      ['bn:quote', note.quote?.exact],
      ['bn:created', note.createdAt],
    ]);
    lines.push(`${indent(depth + 1)}<note${attrs}>${escapeText(note.body)}</note>`);
    for (const reply of note.replies) {
      const replyAttrs = formatAttrs([
        ['id', `n-${note.id}-${reply.id}`],
        ['appliesTo', note.side],
        ['category', 'reply'],
        ['bn:author', reply.author],
        ['bn:replyTo', `n-${note.id}`],
        ['bn:created', reply.createdAt],
      ]);
      lines.push(`${indent(depth + 1)}<note${replyAttrs}>${escapeText(reply.body)}</note>`);
    }
  }
  lines.push(`${indent(depth)}</notes>`);
  return lines;
}

/**
 * The document as XLIFF 2.0 (core, plus the Metadata module for block kinds and the title): one `<unit>` per row
 * with the row's id, one `<segment>` whose `state`/`subState` carry the row's status, the row's notes as
 * `<notes>`, and a `<target>` for every row with a translation. Each side's direction comes from its language.
 */
export function toXliff2(doc: BilingualDocument, notes: Note[]): string {
  const unitIds = getUnitIds(doc);
  const rowNotes = notesByRow(notes);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${formatAttrs([
      ['xmlns', XLIFF2_NS],
      ['xmlns:mda', MDA_NS],
      ['xmlns:bn', NOTES_EXT_NS],
      ['version', '2.0'],
      ['srcLang', doc.sourceLang],
      ['trgLang', doc.targetLang],
    ])}>`,
    `${indent(1)}<file${formatAttrs([
      ['id', doc.slug],
      ['original', doc.slug],
      ['srcDir', getLangDir(doc.sourceLang)],
      ['trgDir', getLangDir(doc.targetLang)],
    ])}>`,
    `${indent(2)}<mda:metadata>`,
    `${indent(3)}<mda:metaGroup${formatAttrs({ category: DOCUMENT_META })}>`,
    `${indent(4)}<mda:meta type="title">${escapeText(doc.title)}</mda:meta>`,
    `${indent(3)}</mda:metaGroup>`,
    `${indent(2)}</mda:metadata>`,
  ];
  for (const row of doc.rows) {
    const content = getRowContent(row);
    const { state, subState } = statusToXliff2(row.status, content.target !== null);
    lines.push(`${indent(2)}<unit${formatAttrs({ id: unitIds.get(row.id) })}>`);
    for (const line of blocksMeta(row, 3)) lines.push(line);
    for (const line of notesOf(rowNotes.get(row.id) ?? [], 3)) lines.push(line);
    const dataIds = Object.keys(content.data);
    if (dataIds.length) {
      lines.push(`${indent(3)}<originalData>`);
      for (const id of dataIds) lines.push(`${indent(4)}<data${formatAttrs({ id })}>${escapeText(content.data[id]!)}</data>`);
      lines.push(`${indent(3)}</originalData>`);
    }
    lines.push(`${indent(3)}<segment${formatAttrs({ state, subState })}>`);
    const space = (preserve: boolean) => (preserve ? ' xml:space="preserve"' : '');
    lines.push(`${indent(4)}<source${space(content.preserveSource)}>${writeInline2(content.source)}</source>`);
    if (content.target) lines.push(`${indent(4)}<target${space(content.preserveTarget)}>${writeInline2(content.target)}</target>`);
    lines.push(`${indent(3)}</segment>`);
    lines.push(`${indent(2)}</unit>`);
  }
  lines.push(`${indent(1)}</file>`, '</xliff>', '');
  return lines.join('\n');
}

/**
 * The document as XLIFF 1.2, for tools that read nothing newer: one `<trans-unit>` per row, the status as the
 * target's `state` (and `state-qualifier`, `approved`), notes as `<note>`. Inline codes an XLIFF 1.2 import
 * brought come back as the `<g>`, `<x/>`, `<bpt>`… they were. Block kinds have no place in 1.2 and are not written.
 */
export function toXliff12(doc: BilingualDocument, notes: Note[]): string {
  const unitIds = getUnitIds(doc);
  const rowNotes = notesByRow(notes);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${formatAttrs([['xmlns', XLIFF12_NS], ['version', '1.2']])}>`,
    `${indent(1)}<file${formatAttrs([
      ['original', doc.slug],
      ['source-language', doc.sourceLang],
      ['target-language', doc.targetLang],
      ['datatype', 'plaintext'],
    ])}>`,
    `${indent(2)}<body>`,
  ];
  for (const row of doc.rows) {
    const content = getRowContent(row);
    const { state, qualifier, approved } = statusToXliff12(row.status);
    const preserve = content.preserveSource || content.preserveTarget;
    lines.push(`${indent(3)}<trans-unit${formatAttrs([['id', unitIds.get(row.id)], ['approved', content.target ? approved : undefined]])}${preserve ? ' xml:space="preserve"' : ''}>`);
    lines.push(`${indent(4)}<source>${writeInline12(content.source, content.data)}</source>`);
    if (content.target) {
      lines.push(`${indent(4)}<target${formatAttrs([['state', state], ['state-qualifier', qualifier]])}>${writeInline12(content.target, content.data)}</target>`);
    }
    for (const note of rowNotes.get(row.id) ?? []) {
      lines.push(`${indent(4)}<note${formatAttrs([['from', note.author], ['annotates', note.side]])}>${escapeText(note.body)}</note>`);
      for (const reply of note.replies) lines.push(`${indent(4)}<note${formatAttrs([['from', reply.author], ['annotates', note.side]])}>${escapeText(reply.body)}</note>`);
    }
    lines.push(`${indent(3)}</trans-unit>`);
  }
  lines.push(`${indent(2)}</body>`, `${indent(1)}</file>`, '</xliff>', '');
  return lines.join('\n');
}
