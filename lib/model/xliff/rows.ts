import { ModelError } from '../errors';
import {
  DOCUMENT_SCHEMA_VERSION,
  rowIdSchema,
  slugSchema,
  type BilingualDocument,
  type Row,
  type RowStatus,
  type RowXliff,
  type SourceBlock,
  type TargetDoc,
} from '../schema';
import { isTargetEmpty } from '../target';
import { getInlineText, hasCodes, inlineToTarget, splitBlocks, writeInline2, type Inline } from './inline';
import type { XliffFile, XliffUnit } from './parse';

/** Turning units into rows: the source blocks, the translation, the status and what the row keeps for export. */

/** The unit's source as blocks, with the kinds an export of this app described (paragraphs otherwise). */
export function getUnitBlocks(unit: XliffUnit): SourceBlock[] {
  const texts = splitBlocks(getInlineText(unit.source), unit.sourcePreserve);
  return texts.map((text, i) => {
    const meta = unit.blocks?.length === texts.length ? unit.blocks[i] : undefined;
    return {
      kind: meta?.kind ?? 'paragraph',
      text,
      ...(meta?.kind === 'numbered' && meta.number !== undefined && { number: meta.number }),
      ...(meta?.kind === 'heading' && meta.level !== undefined && { level: meta.level }),
    };
  });
}

/** The unit's translation as the editor's document (empty when it has none). */
export function getUnitTarget(unit: XliffUnit): TargetDoc {
  return inlineToTarget(unit.target ?? [], unit.targetPreserve);
}

/** A row's status from its unit: none without text, else what the state says, else a draft. */
export function getUnitStatus(unit: XliffUnit, target: TargetDoc): RowStatus {
  if (isTargetEmpty(target)) return 'untranslated';
  return unit.status ?? 'draft';
}

/**
 * True when the content holds codes the editor cannot show: anything but the bold, italic and line-break codes
 * an export of this app writes for the editor's own formatting.
 */
export function hasForeignCodes(inline: Inline[]): boolean {
  return inline.some((n) => {
    if (typeof n === 'string') return false;
    const type = n.attrs.find(([k]) => k === 'type')?.[1];
    const sub = n.attrs.find(([k]) => k === 'subType')?.[1];
    if (n.kind === 'pc' && type === 'fmt' && (sub === 'xlf:b' || sub === 'xlf:i')) return hasForeignCodes(n.content);
    if (n.kind === 'ph' && type === 'fmt' && sub === 'xlf:lb') return false;
    return true;
  });
}

/**
 * What a row keeps of its unit for export, or undefined when plain text says it all: the markup of both sides
 * when either holds codes the editor does not show (the source shows none at all), and the unit's id when the
 * row could not take it.
 */
export function getUnitXliff(unit: XliffUnit, rowId: string, keepUnitId: boolean): RowXliff | undefined {
  const codes = hasCodes(unit.source) || (unit.target !== null && hasForeignCodes(unit.target));
  const unitId = keepUnitId && unit.id !== rowId ? unit.id : undefined;
  if (!codes && !unitId) return undefined;
  return {
    ...(unitId && { unitId }),
    ...(codes && { source: writeInline2(unit.source) }),
    ...(codes && unit.target !== null && hasCodes(unit.target) && { target: writeInline2(unit.target) }),
    ...(codes && Object.keys(unit.data).length && { data: unit.data }),
  };
}

/** A unit that could not become a row, and why. */
export interface SkippedUnit {
  id: string;
  line: number;
  reason: string;
}

const primaryLang = (lang: string) => lang.toLowerCase().split('-')[0];

/**
 * The target language of a new document: the file's, else the one the person chose (`targetLang`), else English.
 * A source-only file in English needs the choice: a document cannot translate a language into itself.
 */
function getTargetLang(file: XliffFile, chosen: string | undefined): string {
  if (file.trgLang) return file.trgLang;
  const target = chosen ?? 'en';
  if (primaryLang(target) === primaryLang(file.srcLang)) {
    throw new ModelError(
      'invalid',
      `XLIFF: the file names no target language (trgLang, or target-language in XLIFF 1.2) and its source is ${file.srcLang}: choose the language of the translation (targetLang), other than the source's`,
    );
  }
  return target;
}

/**
 * A new document from an XLIFF file: one row per unit, in the file's language pair. A unit's id becomes the
 * row's when it is a valid, unused row id (as in this app's own exports); otherwise the row gets a new id and
 * keeps the unit's for export. Units whose source has no text are skipped and reported.
 */
export function createDocumentFromXliffFile(
  file: XliffFile,
  request: { title?: string; targetLang?: string },
  ctx: { now: string; user: string | null; newId: () => string; slug: string },
): { doc: BilingualDocument; skipped: SkippedUnit[]; rowsOfUnits: { unit: XliffUnit; rowId: string }[] } {
  const targetLang = getTargetLang(file, request.targetLang);
  const used = new Set<string>();
  // Unit ids that repeat across <file>s cannot be told apart on the way back, so they are not kept.
  const idCounts = new Map<string, number>();
  for (const u of file.units) idCounts.set(u.id, (idCounts.get(u.id) ?? 0) + 1);
  const skipped: SkippedUnit[] = [];
  const rows: Row[] = [];
  const rowsOfUnits: { unit: XliffUnit; rowId: string }[] = [];
  for (const unit of file.units) {
    const source = getUnitBlocks(unit);
    if (!source.length) {
      skipped.push({ id: unit.id, line: unit.line, reason: 'its source has no text' });
      continue;
    }
    const unique = idCounts.get(unit.id) === 1;
    let id = unique && rowIdSchema.safeParse(unit.id).success && !used.has(unit.id) ? unit.id : ctx.newId();
    while (used.has(id) || (id !== unit.id && idCounts.has(id))) id = ctx.newId();
    used.add(id);
    rowsOfUnits.push({ unit, rowId: id });
    const target = getUnitTarget(unit);
    const xliff = getUnitXliff(unit, id, unique);
    rows.push({
      id,
      rev: 1,
      status: getUnitStatus(unit, target),
      source,
      target,
      updatedAt: ctx.now,
      updatedBy: ctx.user,
      ...(xliff && { xliff }),
    });
  }
  if (!rows.length) throw new ModelError('invalid', 'XLIFF: no unit has source text to import');
  const firstBlock = rows.find((r) => r.source[0]!.kind === 'title')?.source[0] ?? rows[0]!.source[0]!;
  const rawTitle = request.title ?? file.title ?? firstBlock.text;
  const title = rawTitle.length > 300 ? `${rawTitle.slice(0, 299)}…` : rawTitle;
  if (!slugSchema.safeParse(ctx.slug).success) throw new ModelError('invalid', `slug "${ctx.slug}" is not valid`);
  return {
    doc: {
      schemaVersion: DOCUMENT_SCHEMA_VERSION,
      slug: ctx.slug,
      title,
      sourceLang: file.srcLang,
      targetLang,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      rows,
    },
    skipped,
    rowsOfUnits,
  };
}
