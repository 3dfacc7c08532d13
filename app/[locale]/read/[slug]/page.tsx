import '@/components/reader/reader.css';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache } from 'react';
import { CopyLinks } from '@/components/reader/copy-links';
import { getReaderLabels } from '@/components/reader/labels';
import { LayoutLinks } from '@/components/reader/layout-switch';
import { ReaderDocument } from '@/components/reader/reader-document';
import { Link } from '@/i18n/navigation';
import { getSnapshotDescription, parseReaderLayout } from '@/lib/model';
import { getCurrentUser } from '@/lib/auth/current-user';
import { readPublished } from '@/lib/service/publish';

export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string; slug: string }>;

/** The published snapshot, read once per request (metadata and page share it); null when not published. */
const load = cache((slug: string) => readPublished(slug));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, slug } = await params;
  const found = await load(slug);
  if (!found || 'broken' in found) return {};
  const { snapshot } = found;
  const title = locale === snapshot.targetLang && snapshot.targetTitle ? snapshot.targetTitle : snapshot.title;
  const description = getSnapshotDescription(snapshot, 200);
  return {
    title,
    description,
    openGraph: {
      type: 'article',
      title: snapshot.targetTitle ? `${snapshot.targetTitle} · ${snapshot.title}` : snapshot.title,
      description,
      locale,
      publishedTime: snapshot.firstPublishedAt,
      modifiedTime: snapshot.publishedAt,
    },
  };
}

/**
 * The published bilingual page: public, rendered on the server from the frozen snapshot, complete without
 * JavaScript. The layout comes from `?layout=`; nothing of the editor is imported here.
 */
export default async function ReadPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const found = await load(slug);
  if (!found) notFound();
  if ('broken' in found) return <BrokenPage problem={(await getCurrentUser()) ? found.broken : null} />;
  const { snapshot } = found;
  const layout = parseReaderLayout((await searchParams).layout, snapshot);
  const t = await getTranslations('Reader');
  const labels = getReaderLabels(t, locale, snapshot);
  return (
    <ReaderDocument
      snapshot={snapshot}
      layout={layout}
      labels={labels}
      before={
        <div className="r-toolbar">
          <Link href="/read">{labels.allPublished}</Link>
          <LayoutLinks layout={layout} langs={snapshot} labels={labels} />
          <CopyLinks copiedLabel={labels.linkCopied} />
        </div>
      }
    />
  );
}

/**
 * A published file broken by hand: a clear page instead of a crash. The file's path and the field at fault are
 * for the people who can repair it, so only someone signed in sees them.
 */
async function BrokenPage({ problem }: { problem: string | null }) {
  const t = await getTranslations('BrokenFile');
  return (
    <div className="library" role="alert" data-testid="broken-file">
      <h1>{t('readerTitle')}</h1>
      <p>{t('readerBody')}</p>
      {problem && (
        <>
          <p>{t('detail')}</p>
          <pre className="form-error" dir="ltr">{problem}</pre>
        </>
      )}
    </div>
  );
}
