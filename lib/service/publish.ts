import {
  countChangedNotes,
  countChangedRows,
  createSnapshot,
  isModelError,
  isTargetEmpty,
  ModelError,
  type PublishedSnapshot,
  type PublishedSummary,
  type PublishRequest,
  type PublishSelection,
} from '@/lib/model';
import { getDocumentStore } from '@/lib/storage';
import { now } from '@/lib/clock';
import { getDisplayNames } from './people';

/** What the editor's header shows about publishing. */
export interface PublishState {
  published: boolean;
  version: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** The publisher's display name (their user name when they have none). */
  publishedByName: string | null;
  /** Which rows the publication holds; null when not published. */
  include: PublishSelection | null;
  /** Rows the publication left out. */
  leftOutRows: number;
  /** Public notes that differ from the published footnotes; null when not published. */
  changedNotes: number | null;
  /** Rows that differ from the published text (changed, added or removed); null when not published. */
  changedRows: number | null;
  /** Rows with no translation now: a publication would show them in the original only. */
  untranslatedRows: number;
  credit: string | null;
  sourceUrl: string | null;
}

/** The publishing state of a document, for its editor. */
export async function getPublishState(slug: string): Promise<PublishState> {
  const store = getDocumentStore();
  const doc = await store.get(slug);
  const snapshot = await store.getPublished(slug);
  const notes = snapshot ? await store.getNotes(slug) : [];
  return {
    published: snapshot !== null,
    version: snapshot?.version ?? null,
    publishedAt: snapshot?.publishedAt ?? null,
    publishedBy: snapshot?.publishedBy ?? null,
    publishedByName: snapshot ? (snapshot.publishedByName ?? snapshot.publishedBy) : null,
    include: snapshot ? (snapshot.include ?? 'all') : null,
    leftOutRows: snapshot?.leftOut ?? 0,
    changedNotes: snapshot ? countChangedNotes(snapshot, doc, notes) : null,
    changedRows: snapshot ? countChangedRows(snapshot, doc) : null,
    untranslatedRows: doc.rows.filter((r) => isTargetEmpty(r.target)).length,
    credit: snapshot?.credit ?? null,
    sourceUrl: snapshot?.sourceUrl ?? null,
  };
}

/**
 * Freezes the document as it is now as the next published version: the rows `request.include` chooses (every row
 * when absent), with display names for "published by" and the footnotes' authors.
 */
export async function publishDocument(
  slug: string,
  request: PublishRequest,
  user: string,
): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }> {
  const names = Object.fromEntries(await getDisplayNames());
  return getDocumentStore().publish(
    slug,
    ({ doc, notes, previous }) =>
      createSnapshot(doc, notes, previous, { now: now(), user, credit: request.credit, sourceUrl: request.sourceUrl, include: request.include, names }),
    { user },
  );
}

/** Takes the published page down; 'not-found' when it was not published. */
export async function unpublishDocument(slug: string, user: string | null = null): Promise<PublishedSnapshot> {
  const store = getDocumentStore();
  if (!(await store.has(slug))) throw new ModelError('not-found', `document "${slug}" does not exist`);
  const withdrawn = await store.unpublish(slug, { user });
  if (!withdrawn) throw new ModelError('not-found', `document "${slug}" is not published`);
  return withdrawn;
}

/**
 * The published snapshot the reading page shows: `{snapshot}`, null for a document that is not published (or
 * whose slug is not one), or `{broken}` with the problem when published.json was broken by hand.
 */
export async function readPublished(slug: string): Promise<{ snapshot: PublishedSnapshot } | { broken: string } | null> {
  try {
    const snapshot = await getDocumentStore().getPublished(slug);
    return snapshot && { snapshot };
  } catch (e) {
    if (isModelError(e, 'invalid')) return null;
    if (isModelError(e, 'corrupt')) {
      console.error(e.message);
      return { broken: e.message };
    }
    throw e;
  }
}

/** The published snapshot, or null when there is none or it cannot be read (the index leaves such out). */
export async function findPublished(slug: string): Promise<PublishedSnapshot | null> {
  const found = await readPublished(slug);
  return found && 'snapshot' in found ? found.snapshot : null;
}


/** Every published document, the most recently published first. */
export async function listPublished(): Promise<PublishedSummary[]> {
  const { documents } = await getDocumentStore().list();
  const out: PublishedSummary[] = [];
  for (const d of documents.filter((doc) => doc.published)) {
    const s = await findPublished(d.slug);
    if (!s) continue;
    out.push({
      slug: s.slug,
      title: s.title,
      targetTitle: s.targetTitle,
      sourceLang: s.sourceLang,
      targetLang: s.targetLang,
      version: s.version,
      publishedAt: s.publishedAt,
      firstPublishedAt: s.firstPublishedAt,
      rowCount: s.rows.length,
    });
  }
  return out.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}
