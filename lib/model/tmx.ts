import { ModelError } from './errors';
import { baseLang, MAX_MEMORY_TEXT, memoryKey, type MemoryEntry, type MemoryEntryInput } from './memory';
import { rowIdSchema, slugSchema } from './schema';
import { childElements, describe, escapeText, formatAttrs, getAttr, readXml, textContent, XML_NS, type XmlElement } from './xml';

/**
 * TMX 1.4b, the exchange format of translation memories (OmegaT, Trados, memoQ, Wordfast…): export of the memory,
 * and import of files written by this app or by other tools.
 */

export const TMX_CREATION_TOOL = 'bilingual-editor';
export const TMX_CREATION_TOOL_VERSION = '1';
/** The most units one file may bring: a guard far above a newsroom's memory. */
export const MAX_TMX_UNITS = 100_000;

/** TMX dates are ISO 8601 basic format in UTC: 20260510T090000Z. */
function tmxDate(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** The memory as a TMX 1.4b document, one `<tu>` per entry, its origin in a `<prop>`. */
export function exportTmx(entries: readonly MemoryEntry[], options: { now: string }): string {
  const sourceLangs = new Set(entries.map((e) => e.sourceLang));
  const srclang = sourceLangs.size === 1 ? [...sourceLangs][0]! : sourceLangs.size === 0 ? 'ar' : '*all*';
  const header = formatAttrs([
    ['creationtool', TMX_CREATION_TOOL],
    ['creationtoolversion', TMX_CREATION_TOOL_VERSION],
    ['datatype', 'plaintext'],
    ['segtype', 'paragraph'],
    ['adminlang', 'en'],
    ['srclang', srclang],
    ['o-tmf', 'bilingual-editor-json'],
    ['creationdate', tmxDate(options.now)],
  ]);
  const units = entries.map((e) => {
    const attrs = formatAttrs([
      ['tuid', e.id],
      ['changedate', tmxDate(e.updatedAt)],
      ['changeid', e.updatedBy ?? undefined],
    ]);
    const origin = e.origin.slug ? `\n      <prop type="x-origin">${escapeText(e.origin.rowId ? `${e.origin.slug}#${e.origin.rowId}` : e.origin.slug)}</prop>` : '';
    return (
      `    <tu${attrs}>${origin}\n` +
      `      <tuv xml:lang="${e.sourceLang}"><seg>${escapeText(e.source)}</seg></tuv>\n` +
      `      <tuv xml:lang="${e.targetLang}"><seg>${escapeText(e.target)}</seg></tuv>\n` +
      `    </tu>\n`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header${header}/>\n  <body>\n${units.join('')}  </body>\n</tmx>\n`;
}

/** Why a unit of an imported file was left out. */
export interface SkippedTu {
  tuid?: string;
  line: number;
  reason: 'missing-language' | 'empty' | 'too-long' | 'duplicate';
  message: string;
}

export interface ParsedTmx {
  /** The pairs found, in file order, each once (of units with the same source, the last). */
  entries: MemoryEntryInput[];
  skipped: SkippedTu[];
  /** How many `<tu>` the file holds. */
  units: number;
}

/** Inline elements whose content is the other tool's native code (a tag, a placeholder), not text. */
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/** The text of a `<seg>`: text and `<hi>`/`<sub>`-less content kept, inline codes dropped. */
function segText(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : CODE_ELEMENTS.has(c.local) ? '' : segText(c))).join('');
}

/** A tuv's language: xml:lang (TMX 1.4) or lang (TMX 1.1, still written by some tools). */
function tuvLang(tuv: XmlElement): string | undefined {
  return getAttr(tuv, 'lang', XML_NS) ?? getAttr(tuv, 'lang');
}

function tmxError(el: XmlElement, problem: string): ModelError {
  return new ModelError('invalid', `TMX: ${describe(el)}: ${problem}`);
}

/**
 * Reads a TMX file for the pair `sourceLang` → `targetLang` (compared by primary subtag: ar-SA and AR-EG are ar).
 * Not well-formed XML, a root other than `<tmx>`, a missing `<body>` or a file in which no unit holds the pair are
 * errors naming the element and its line; a unit without both languages or with an empty side is skipped and
 * reported. Text is kept as written; inline codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) are dropped and
 * `<hi>` keeps its text.
 */
export function parseTmx(xml: string, pair: { sourceLang: string; targetLang: string }): ParsedTmx {
  const root = readXml(xml, { label: 'TMX' });
  if (root.local !== 'tmx') throw tmxError(root, `the root element is <${root.name}>, not <tmx>: this is not a TMX file`);
  const version = getAttr(root, 'version');
  if (version !== undefined && !/^1(\.\d+)?$/.test(version.trim())) throw tmxError(root, `version="${version}" is not a TMX version this app reads (1.1 to 1.4)`);
  const body = childElements(root).find((c) => c.local === 'body');
  if (!body) throw tmxError(root, 'has no <body>: the file holds no translation units');
  const src = baseLang(pair.sourceLang);
  const trg = baseLang(pair.targetLang);
  const tus = childElements(body).filter((c) => c.local === 'tu');
  if (tus.length > MAX_TMX_UNITS) throw tmxError(body, `holds ${tus.length} <tu>; the most one import takes is ${MAX_TMX_UNITS}`);

  const found: { entry: MemoryEntryInput; tu: XmlElement; tuid?: string }[] = [];
  const skipped: SkippedTu[] = [];
  const seenLangs = new Set<string>();
  let withPair = 0;
  for (const tu of tus) {
    const tuid = getAttr(tu, 'tuid');
    const skip = (reason: SkippedTu['reason'], problem: string) =>
      skipped.push({ ...(tuid !== undefined && { tuid }), line: tu.line, reason, message: `${describe(tu)}${tuid ? ` (tuid "${tuid}")` : ''}: ${problem}` });
    const tuvs = childElements(tu).filter((c) => c.local === 'tuv');
    const byLang = (lang: string) => tuvs.find((t) => baseLang(tuvLang(t) ?? '') === lang);
    tuvs.forEach((t) => seenLangs.add(tuvLang(t) ?? '(none)'));
    const source = byLang(src);
    const target = byLang(trg);
    if (!source || !target) {
      const langs = tuvs.map((t) => tuvLang(t) ?? '(no xml:lang)').join(', ') || 'none';
      skip('missing-language', `needs a <tuv> in ${src} and one in ${trg}; it has ${langs}`);
      continue;
    }
    withPair++;
    const seg = (tuv: XmlElement) => childElements(tuv).find((c) => c.local === 'seg');
    const sourceText = normalizeSeg(seg(source));
    const targetText = normalizeSeg(seg(target));
    if (!sourceText || !targetText) {
      skip('empty', `the ${!sourceText ? src : trg} <seg> is empty or missing`);
      continue;
    }
    if (sourceText.length > MAX_MEMORY_TEXT || targetText.length > MAX_MEMORY_TEXT) {
      skip('too-long', `a <seg> is longer than ${MAX_MEMORY_TEXT} characters`);
      continue;
    }
    // Entries take the memory's own tags (ar-SA → ar), so one language is spelled one way in the memory.
    const entry = { sourceLang: pair.sourceLang, targetLang: pair.targetLang, source: sourceText, target: targetText, origin: readOrigin(tu) };
    found.push({ entry, tu, ...(tuid !== undefined && { tuid }) });
  }
  if (tus.length > 0 && withPair === 0) {
    throw tmxError(body, `none of its ${tus.length} <tu> has both ${src} and ${trg}; the file's languages are ${[...seenLangs].join(', ')}`);
  }
  // A source that comes again later in the file: the later unit wins, as a later import would.
  const last = new Map<string, (typeof found)[number]>();
  for (const f of found) last.set(memoryKey(f.entry), f);
  const entries: MemoryEntryInput[] = [];
  for (const f of found) {
    const winner = last.get(memoryKey(f.entry))!;
    if (winner === f) entries.push(f.entry);
    else {
      skipped.push({
        ...(f.tuid !== undefined && { tuid: f.tuid }),
        line: f.tu.line,
        reason: 'duplicate',
        message: `${describe(f.tu)}: the same source comes again in ${describe(winner.tu)}, which is kept`,
      });
    }
  }
  skipped.sort((a, b) => a.line - b.line);
  return { entries, skipped, units: tus.length };
}

/** The row a unit came from, as this app's export writes it (`<prop type="x-origin">slug#rowId</prop>`); else none. */
function readOrigin(tu: XmlElement): MemoryEntryInput['origin'] {
  const prop = childElements(tu).find((c) => c.local === 'prop' && getAttr(c, 'type') === 'x-origin');
  if (!prop) return {};
  const [slug, rowId] = textContent(prop).trim().split('#');
  if (!slugSchema.safeParse(slug).success) return {};
  return rowId !== undefined && rowIdSchema.safeParse(rowId).success ? { slug, rowId } : { slug };
}

function normalizeSeg(seg: XmlElement | undefined): string {
  if (!seg) return '';
  return segText(seg).replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim();
}
