import { ModelError } from '../errors';
import { langSchema, BLOCK_KINDS, DRAFT_ORIGIN_KINDS, type BlockKind, type RowStatus } from '../schema';

type DraftOriginKind = (typeof DRAFT_ORIGIN_KINDS)[number];
import { STATUS_ORDER } from '../status';
import {
  newReader12,
  readInline12,
  readInline2,
  readOriginalData,
  XLIFF12_NS,
  XLIFF22_NS,
  XLIFF2_NS,
  type Inline,
  type OriginalData,
} from './inline';
import { isXliff12State, statusFromXliff12, statusFromXliff2, XLIFF2_STATES, type Xliff2State } from './states';
import { formatProblem, validateXliff2 } from './validate';
import { childElements, describe, getAttr, NOTES_EXT_NS, parseXml, textContent, XML_NS, xliffError, type XmlElement } from './xml';

/** XLIFF's Metadata module, where an export keeps what XLIFF has no place for (block kinds, the title). */
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
/** `category` of the metadata group describing one source block, and of the document's. */
export const BLOCK_META = 'bilingual:block';
export const DOCUMENT_META = 'bilingual:document';
/** `category` of the metadata group saying where a row's first draft came from (typed, memory, MT, repetition). */
export const DRAFT_ORIGIN_META = 'bilingual:draft-origin';

/** The most units one file may bring: a guard, far above any article. */
export const MAX_XLIFF_UNITS = 20_000;

export type XliffVersion = '1.2' | '2.0' | '2.1' | '2.2';

/** The kind of a source block as an export described it. */
export interface XliffBlockMeta {
  kind: BlockKind;
  level?: number;
  number?: string;
}

/** Where a unit's draft came from, as an export of this app wrote it (the Metadata module). */
export interface XliffDraftOrigin {
  kind: DraftOriginKind;
  /** A memory match's score, 0..1 (written as a whole percentage). */
  score?: number;
  provider?: string;
  model?: string;
}

/**
 * A note on a unit (a reviewer's comment, a client's instruction). Besides the standard attributes, this app's
 * own exports carry the author, status, quoted words, creation time and reply links (NOTES_EXT_NS).
 */
export interface XliffNote {
  text: string;
  appliesTo?: 'source' | 'target';
  category?: string;
  id?: string;
  author?: string;
  status?: 'open' | 'resolved';
  quote?: string;
  created?: string;
  /** The id of the note this one answers. */
  replyTo?: string;
}

/** One unit (XLIFF 2) or trans-unit (XLIFF 1.2), its segments joined into one. */
export interface XliffUnit {
  id: string;
  /** Line of its start tag, for messages. */
  line: number;
  /** Index of its `<file>`: unit ids are unique only within a file. */
  file: number;
  source: Inline[];
  /** Null when the unit has no `<target>` at all. */
  target: Inline[] | null;
  /** The status its state asks for, or null when the file gives no state. */
  status: RowStatus | null;
  data: OriginalData;
  /** Kinds of the source blocks, when an export of this app wrote them. */
  blocks: XliffBlockMeta[] | null;
  /** Where its draft came from, when an export of this app wrote it. */
  origin?: XliffDraftOrigin;
  notes: XliffNote[];
  sourcePreserve: boolean;
  targetPreserve: boolean;
}

/** What a file holds, whatever its version. */
export interface XliffFile {
  version: XliffVersion;
  srcLang: string;
  trgLang: string | null;
  /** The document title an export of this app wrote, if any. */
  title: string | null;
  units: XliffUnit[];
}

function readLang(el: XmlElement, name: string, required: boolean): string | null {
  const raw = getAttr(el, name);
  if (raw === undefined || raw.trim() === '') {
    if (required) throw xliffError(el, `${name} is missing: say which language the ${name.startsWith('s') ? 'source' : 'translation'} is in (e.g. ${name}="ar")`);
    return null;
  }
  const lang = raw.trim().replace(/_/g, '-');
  if (!langSchema.safeParse(lang).success) throw xliffError(el, `${name}="${raw}" is not a language tag such as "ar" or "en-GB"`);
  return lang;
}

function preserveOf(el: XmlElement, inherited: boolean): boolean {
  const space = getAttr(el, 'space', XML_NS);
  return space === undefined ? inherited : space === 'preserve';
}

function leastAdvanced(statuses: RowStatus[]): RowStatus | null {
  if (!statuses.length) return null;
  return statuses.reduce((a, b) => (STATUS_ORDER.indexOf(a) <= STATUS_ORDER.indexOf(b) ? a : b));
}

function readBlocksMeta(unit: XmlElement): XliffBlockMeta[] | null {
  const groups = childElements(unit, MDA_NS, 'metadata').flatMap((m) => childElements(m, MDA_NS, 'metaGroup'));
  const blocks = groups
    .filter((g) => getAttr(g, 'category') === BLOCK_META)
    .map((g): XliffBlockMeta => {
      const meta = (type: string) => {
        const el = childElements(g, MDA_NS, 'meta').find((m) => getAttr(m, 'type') === type);
        return el ? textContent(el).trim() : undefined;
      };
      const kind = meta('kind');
      const level = Number(meta('level'));
      const number = meta('number');
      return {
        kind: (BLOCK_KINDS as readonly string[]).includes(kind ?? '') ? (kind as BlockKind) : 'paragraph',
        ...(Number.isInteger(level) && level >= 1 && level <= 6 && { level }),
        ...(number && number.length <= 16 && { number }),
      };
    });
  return blocks.length ? blocks : null;
}

function readDraftOrigin(unit: XmlElement): XliffDraftOrigin | null {
  const group = childElements(unit, MDA_NS, 'metadata')
    .flatMap((m) => childElements(m, MDA_NS, 'metaGroup'))
    .find((g) => getAttr(g, 'category') === DRAFT_ORIGIN_META);
  if (!group) return null;
  const meta = (type: string) => {
    const el = childElements(group, MDA_NS, 'meta').find((m) => getAttr(m, 'type') === type);
    const text = el ? textContent(el).trim() : '';
    return text || undefined;
  };
  const kind = meta('origin');
  if (!(DRAFT_ORIGIN_KINDS as readonly string[]).includes(kind ?? '')) return null;
  const percent = Number(meta('score'));
  const provider = meta('provider');
  const model = meta('model');
  return {
    kind: kind as DraftOriginKind,
    ...(meta('score') !== undefined && Number.isFinite(percent) && percent >= 0 && percent <= 100 && { score: percent / 100 }),
    ...(provider && provider.length <= 40 && { provider }),
    ...(model && model.length <= 200 && { model }),
  };
}

function originOf(unit: XmlElement): { origin?: XliffDraftOrigin } {
  const origin = readDraftOrigin(unit);
  return origin ? { origin } : {};
}

function readTitle(file: XmlElement): string | null {
  for (const group of childElements(file, MDA_NS, 'metadata').flatMap((m) => childElements(m, MDA_NS, 'metaGroup'))) {
    if (getAttr(group, 'category') !== DOCUMENT_META) continue;
    const title = childElements(group, MDA_NS, 'meta').find((m) => getAttr(m, 'type') === 'title');
    if (title && textContent(title).trim()) return textContent(title).trim();
  }
  return null;
}

class UnitIds {
  private seen = new Map<string, number>();
  check(unit: XmlElement, id: string | undefined): string {
    if (!id) throw xliffError(unit, 'the unit has no id');
    const first = this.seen.get(id);
    if (first !== undefined) throw xliffError(unit, `duplicate unit id "${id}" (first used on line ${first})`);
    this.seen.set(id, unit.line);
    return id;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XLIFF 2.x
// ---------------------------------------------------------------------------------------------------------------

function readUnit2(unit: XmlElement, ns: string, file: number, id: string, inheritedPreserve: boolean): XliffUnit {
  const preserve = preserveOf(unit, inheritedPreserve);
  const parts = unit.children.filter((c): c is XmlElement => typeof c !== 'string' && c.uri === ns && (c.local === 'segment' || c.local === 'ignorable'));
  if (!parts.some((p) => p.local === 'segment')) throw xliffError(unit, `unit "${id}" has no <segment>`);
  const source: Inline[] = [];
  const target: Inline[] = [];
  let hasTarget = false;
  const statuses: RowStatus[] = [];
  let sourcePreserve = preserve;
  let targetPreserve = preserve;
  for (const part of parts) {
    const src = childElements(part, ns, 'source')[0];
    if (!src) throw xliffError(part, `<${part.local}> has no <source>`);
    const trg = childElements(part, ns, 'target')[0];
    const srcInline = readInline2(src, ns);
    for (const n of srcInline) source.push(n);
    sourcePreserve = preserveOf(src, sourcePreserve);
    if (trg) {
      hasTarget = true;
      for (const n of readInline2(trg, ns)) target.push(n);
      targetPreserve = preserveOf(trg, targetPreserve);
    } else if (part.local === 'ignorable') for (const n of srcInline) target.push(n);
    if (part.local !== 'segment') continue;
    const state = getAttr(part, 'state');
    if (state === undefined) continue;
    if (!(XLIFF2_STATES as readonly string[]).includes(state)) {
      throw xliffError(part, `state="${state}" is not an XLIFF 2 state (use ${XLIFF2_STATES.join(', ')})`);
    }
    statuses.push(statusFromXliff2(state as Xliff2State, getAttr(part, 'subState')));
  }
  const originalData = childElements(unit, ns, 'originalData')[0];
  const notes = childElements(unit, ns, 'notes').flatMap((n) => childElements(n, ns, 'note'));
  return {
    id,
    line: unit.line,
    file,
    source,
    target: hasTarget ? target : null,
    status: leastAdvanced(statuses),
    data: originalData ? readOriginalData(originalData, ns) : {},
    blocks: readBlocksMeta(unit),
    ...originOf(unit),
    notes: notes.map((n): XliffNote => {
      const appliesTo = getAttr(n, 'appliesTo');
      const category = getAttr(n, 'category');
      const ext = (name: string) => getAttr(n, name, NOTES_EXT_NS) || undefined;
      const status = ext('status');
      return {
        text: textContent(n),
        ...((appliesTo === 'source' || appliesTo === 'target') && { appliesTo }),
        ...(category && { category }),
        ...(getAttr(n, 'id') && { id: getAttr(n, 'id') }),
        ...(ext('author') && { author: ext('author') }),
        ...((status === 'open' || status === 'resolved') && { status }),
        ...(ext('quote') && { quote: ext('quote') }),
        ...(ext('created') && { created: ext('created') }),
        ...(ext('replyTo') && { replyTo: ext('replyTo') }),
      };
    }),
    sourcePreserve,
    targetPreserve,
  };
}

function readUnits2(container: XmlElement, ns: string, file: number, ids: UnitIds, preserve: boolean, out: XliffUnit[]): void {
  for (const child of childElements(container, ns)) {
    if (child.local === 'unit') {
      const id = ids.check(child, getAttr(child, 'id'));
      out.push(readUnit2(child, ns, file, id, preserve));
    } else if (child.local === 'group') readUnits2(child, ns, file, ids, preserveOf(child, preserve), out);
    if (out.length > MAX_XLIFF_UNITS) throw xliffError(child, `the file holds more than ${MAX_XLIFF_UNITS} units`);
  }
}

function parseXliff2(root: XmlElement, version: XliffVersion): XliffFile {
  const problems = validateXliff2(root, version);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new ModelError('invalid', `${formatProblem(problems[0]!)}${more}`, { problems: problems.slice(0, 50).map(formatProblem) });
  }
  const ns = root.uri;
  const srcLang = readLang(root, 'srcLang', true)!;
  const trgLang = readLang(root, 'trgLang', false);
  const files = childElements(root, ns, 'file');
  if (!files.length) throw xliffError(root, 'the file holds no <file> element');
  const units: XliffUnit[] = [];
  let title: string | null = null;
  files.forEach((file, i) => {
    title ??= readTitle(file);
    readUnits2(file, ns, i, new UnitIds(), preserveOf(file, preserveOf(root, false)), units);
  });
  return { version, srcLang, trgLang, title, units };
}

// ---------------------------------------------------------------------------------------------------------------
// XLIFF 1.2
// ---------------------------------------------------------------------------------------------------------------

function readTransUnit(tu: XmlElement, file: number, id: string, inheritedPreserve: boolean): XliffUnit {
  const preserve = preserveOf(tu, inheritedPreserve);
  const src = childElements(tu, XLIFF12_NS, 'source')[0];
  if (!src) throw xliffError(tu, `trans-unit "${id}" has no <source>`);
  const trg = childElements(tu, XLIFF12_NS, 'target')[0];
  const data: OriginalData = {};
  const source = readInline12(src, newReader12(data));
  const target = trg ? readInline12(trg, newReader12(data)) : null;
  let status: RowStatus | null = null;
  const approved = getAttr(tu, 'approved') === 'yes';
  const state = trg ? getAttr(trg, 'state') : undefined;
  if (state !== undefined && !isXliff12State(state)) {
    throw xliffError(trg!, `state="${state}" is not an XLIFF 1.2 state (such as needs-translation, translated, final)`);
  }
  if (state !== undefined || approved) status = statusFromXliff12(state ?? 'translated', trg ? getAttr(trg, 'state-qualifier') : undefined, approved);
  const notes = childElements(tu, XLIFF12_NS, 'note').map((n): XliffNote => {
    const annotates = getAttr(n, 'annotates');
    // XLIFF 1.2's `from` names who wrote the note.
    const from = getAttr(n, 'from');
    return {
      text: textContent(n),
      ...((annotates === 'source' || annotates === 'target') && { appliesTo: annotates }),
      ...(from && { author: from }),
    };
  });
  return {
    id,
    line: tu.line,
    file,
    source,
    target,
    status,
    data,
    blocks: null,
    notes,
    sourcePreserve: preserveOf(src, preserve),
    targetPreserve: trg ? preserveOf(trg, preserve) : preserve,
  };
}

function readUnits12(container: XmlElement, file: number, ids: UnitIds, preserve: boolean, out: XliffUnit[]): void {
  for (const child of childElements(container, XLIFF12_NS)) {
    if (child.local === 'trans-unit') {
      const id = ids.check(child, getAttr(child, 'id'));
      out.push(readTransUnit(child, file, id, preserve));
    } else if (child.local === 'group') readUnits12(child, file, ids, preserveOf(child, preserve), out);
    if (out.length > MAX_XLIFF_UNITS) throw xliffError(child, `the file holds more than ${MAX_XLIFF_UNITS} units`);
  }
}

function parseXliff12(root: XmlElement): XliffFile {
  const files = childElements(root, XLIFF12_NS, 'file');
  if (!files.length) throw xliffError(root, 'the file holds no <file> element');
  let srcLang: string | null = null;
  let trgLang: string | null = null;
  const units: XliffUnit[] = [];
  files.forEach((file, i) => {
    const s = readLang(file, 'source-language', true)!;
    const t = readLang(file, 'target-language', false);
    if (srcLang !== null && (s !== srcLang || t !== trgLang)) {
      throw xliffError(file, `its languages (${s}→${t ?? '?'}) differ from the first <file>'s (${srcLang}→${trgLang ?? '?'})`);
    }
    srcLang = s;
    trgLang = t;
    const body = childElements(file, XLIFF12_NS, 'body')[0];
    if (!body) throw xliffError(file, 'the <file> has no <body>');
    readUnits12(body, i, new UnitIds(), preserveOf(file, false), units);
  });
  return { version: '1.2', srcLang: srcLang!, trgLang, title: null, units };
}

// ---------------------------------------------------------------------------------------------------------------

const VERSIONS_OF: Record<string, readonly string[]> = { [XLIFF2_NS]: ['2.0', '2.1'], [XLIFF22_NS]: ['2.2'], [XLIFF12_NS]: ['1.2'] };

/**
 * Reads an XLIFF 2.0, 2.1, 2.2 or 1.2 file. Anything wrong — not well-formed XML, not XLIFF, a wrong namespace
 * or version, a missing source language, a unit without id, duplicate unit ids in a file, an unknown state —
 * throws a ModelError ('invalid') naming the element and its line.
 */
export function parseXliff(text: string): XliffFile {
  const root = parseXml(text);
  if (root.local !== 'xliff') throw xliffError(root, 'the root element is not <xliff>: this is not an XLIFF file');
  const version = getAttr(root, 'version');
  const versions = VERSIONS_OF[root.uri];
  if (!versions) {
    throw xliffError(
      root,
      root.uri
        ? `namespace "${root.uri}" is not XLIFF's; use xmlns="${XLIFF2_NS}" (XLIFF 2) or "${XLIFF12_NS}" (XLIFF 1.2)`
        : `the element has no namespace; add xmlns="${XLIFF2_NS}" (XLIFF 2) or "${XLIFF12_NS}" (XLIFF 1.2)`,
    );
  }
  if (!version) throw xliffError(root, `version is missing (expected ${versions.join(' or ')})`);
  if (!versions.includes(version)) {
    throw xliffError(root, `version="${version}" does not match the namespace "${root.uri}" (expected ${versions.join(' or ')}) (rule xliff-version)`);
  }
  const file = version === '1.2' ? parseXliff12(root) : parseXliff2(root, version as XliffVersion);
  if (!file.units.length) {
    throw new ModelError('invalid', `XLIFF: ${describe(root)}: the file is valid XLIFF ${version} but holds no units (${version === '1.2' ? '<trans-unit>' : '<unit>'}), so there is nothing to translate`);
  }
  return file;
}
