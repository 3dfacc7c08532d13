import '@/components/library/status.css';
import '@/components/editor/editor.css';
import '@/components/editor/editor-grid-tools.css';
import '@/components/notes/notes.css';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { EditorLoader } from '@/components/editor/editor-loader';
import { PRELOAD_ROWS_BELOW } from '@/lib/editor/row-blocks';
import { Link } from '@/i18n/navigation';
import { isModelError, slugSchema, type BilingualDocument } from '@/lib/model';
import { getCurrentUser } from '@/lib/auth/current-user';
import { requirePageUser } from '@/lib/auth/page-user';
import { getDocument } from '@/lib/service/documents';
import { getGlossaryForEditor } from '@/lib/service/glossary';
import { getLatestEventId } from '@/lib/service/live';
import { listNotes } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string; slug: string }>;

async function load(slug: string): Promise<BilingualDocument | { error: string }> {
  if (!slugSchema.safeParse(slug).success) notFound();
  try {
    return await getDocument(slug);
  } catch (e) {
    if (isModelError(e, 'not-found')) notFound();
    if (isModelError(e, 'corrupt')) return { error: e.message };
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  // A document's title is not shown to someone who is not signed in.
  if (!(await getCurrentUser())) return {};
  const doc = await load(slug);
  return { title: 'error' in doc ? slug : doc.title };
}

/** The editor: the document's rows, the original beside the translation. */
export default async function EditorPage({ params }: { params: Params }) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, `/${locale}/documents/${slug}`);
  // Before the document: the live stream replays whatever is committed after this.
  const eventId = slugSchema.safeParse(slug).success ? await getLatestEventId(slug) : 0;
  const doc = await load(slug);
  if ('error' in doc) return <Broken problem={doc.error} />;
  let notes;
  try {
    notes = await listNotes(slug);
  } catch (e) {
    // A notes.json broken by hand: the document is fine, but editing it without its notes would lose them.
    if (isModelError(e, 'corrupt')) return <Broken problem={e.message} />;
    throw e;
  }
  const glossary = await getGlossaryForEditor();
  // The rows travel once, from the rows route; a short document's the browser starts fetching with the page.
  const { rows, ...head } = doc;
  const preloaded = rows.length < PRELOAD_ROWS_BELOW;
  return (
    <>
      {preloaded && <link rel="preload" as="fetch" href={`/api/documents/${slug}/rows`} crossOrigin="anonymous" />}
      <EditorLoader doc={head} notes={notes} user={{ name: user.name, role: user.role }} glossary={glossary} eventId={eventId} preloaded={preloaded} />
    </>
  );
}

/** A file broken by hand: what is wrong, naming the file and the field, instead of a crash. */
async function Broken({ problem }: { problem: string }) {
  const t = await getTranslations('Editor');
  return (
    <div className="library" role="alert" data-testid="broken-file">
      <h1>{t('broken')}</h1>
      <pre className="form-error" dir="ltr">{problem}</pre>
      <Link href="/">{t('back')}</Link>
    </div>
  );
}
