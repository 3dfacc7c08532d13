import { findGlossaryTerms, ModelError, type BilingualDocument, type GlossaryEntry, type Row, type TargetDoc } from '@/lib/model';
import { getMtProvider, getMtStatus, MtError, segmentsToTarget, type CachedProvider, type GlossaryPair, type MtRequest, type MtStatus } from '@/lib/mt';
import { getDocumentStore } from '@/lib/storage';
import { getGlossaryForEditor } from './glossary';

/** Machine translation for rows: the suggestion beside a row, and the request pre-translation sends. */

export { getMtStatus, type MtStatus };

/** A row's machine translation, ready to insert. */
export interface MtSuggestion {
  rowId: string;
  provider: string;
  model: string | null;
  target: TargetDoc;
}

/** The provider, or an MtError saying machine translation is not configured here. */
export function requireMtProvider(): CachedProvider {
  const provider = getMtProvider();
  if (!provider) {
    const { problem } = getMtStatus();
    throw new MtError('not-configured', problem ? `machine translation is not available: ${problem}` : 'machine translation is not configured on this server (see MT_PROVIDER in the README)');
  }
  return provider;
}

const pairOf = (e: GlossaryEntry): GlossaryPair => ({ term: e.term, rendering: e.rendering });

/** The glossary entries whose terms occur in `text`, each once. */
function termsIn(text: string, glossary: readonly GlossaryEntry[]): GlossaryPair[] {
  const ids = new Set(findGlossaryTerms(text, glossary).map((m) => m.entryId));
  return glossary.filter((e) => ids.has(e.id)).map(pairOf);
}

const rowText = (row: Row) => row.source.map((b) => b.text).join('\n');

/** The document's terms (those found in any row), worked out once per version of the rows and of the glossary. */
const documentTerms = new WeakMap<readonly Row[], WeakMap<readonly GlossaryEntry[], GlossaryPair[]>>();
function getDocumentTerms(doc: BilingualDocument, glossary: readonly GlossaryEntry[]): GlossaryPair[] {
  let byGlossary = documentTerms.get(doc.rows);
  if (!byGlossary) documentTerms.set(doc.rows, (byGlossary = new WeakMap()));
  let pairs = byGlossary.get(glossary);
  if (!pairs) {
    const ids = new Set<string>();
    for (const row of doc.rows) for (const m of findGlossaryTerms(rowText(row), glossary)) ids.add(m.entryId);
    pairs = glossary.filter((e) => ids.has(e.id)).map(pairOf);
    byGlossary.set(glossary, pairs);
  }
  return pairs;
}

/**
 * The request for the row at `index`: its blocks, the row's neighbours as context, the glossary terms found in the
 * row (for a prompted model) and, for a provider that takes a glossary resource, the document's terms.
 */
export function buildRowRequest(
  doc: BilingualDocument,
  index: number,
  glossary: readonly GlossaryEntry[],
  provider: Pick<CachedProvider, 'name'>,
  signal?: AbortSignal,
): MtRequest {
  const row = doc.rows[index]!;
  const before = doc.rows[index - 1];
  const after = doc.rows[index + 1];
  return {
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    segments: row.source.map((b) => [{ text: b.text }]),
    terms: termsIn(rowText(row), glossary),
    ...(provider.name === 'deepl' && { glossary: getDocumentTerms(doc, glossary) }),
    context: { before: before ? [rowText(before)] : [], after: after ? [rowText(after)] : [] },
    ...(signal && { signal }),
  };
}

/** The machine translation of one row (cached per text and provider); throws MtError when the provider fails. */
export async function suggestForRow(slug: string, rowId: string, signal?: AbortSignal): Promise<MtSuggestion> {
  const provider = requireMtProvider();
  const doc = await getDocumentStore().get(slug);
  const index = doc.rows.findIndex((r) => r.id === rowId);
  if (index < 0) throw new ModelError('not-found', `row ${rowId} does not exist in ${slug}`);
  const glossary = await getGlossaryForEditor();
  const segments = await provider.translate(buildRowRequest(doc, index, glossary, provider, signal));
  return { rowId, provider: provider.name, model: provider.model, target: segmentsToTarget(segments) };
}
