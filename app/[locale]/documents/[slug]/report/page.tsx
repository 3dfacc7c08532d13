import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DocumentReport } from '@/components/report/document-report';
import { Link } from '@/i18n/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { requirePageUser } from '@/lib/auth/page-user';
import { isModelError, slugSchema } from '@/lib/model';
import { analyzeDocument, getDocumentReport } from '@/lib/service/analysis';
import { getMtStatus } from '@/lib/service/mt';

export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string; slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!(await getCurrentUser())) return {};
  const t = await getTranslations({ locale, namespace: 'Report' });
  return { title: t('title', { title: slug }) };
}

/** A document's analysis against the memory and its report of draft origins and post-editing effort. */
export default async function ReportPage({ params }: { params: Params }) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  if (!slugSchema.safeParse(slug).success) notFound();
  await requirePageUser(locale, `/${locale}/documents/${slug}/report`);
  const t = await getTranslations('Report');
  let figures;
  try {
    const [analysis, report] = await Promise.all([analyzeDocument(slug), getDocumentReport(slug)]);
    figures = { analysis, report };
  } catch (e) {
    if (isModelError(e, 'not-found')) notFound();
    if (!isModelError(e, 'corrupt')) throw e;
    return (
      <div className="library" role="alert" data-testid="broken-file">
        <h1>{t('broken')}</h1>
        <pre className="form-error" dir="ltr">
          {e.message}
        </pre>
      </div>
    );
  }
  const { analysis, report } = figures;
  const mt = getMtStatus();
  return (
    <div className="library">
      <h1 data-testid="report-title">{t('title', { title: report.title })}</h1>
      <p>
        <Link href={`/documents/${slug}`}>{t('back')}</Link>
      </p>
      <DocumentReport
        analysis={{ ...analysis, repetitionGroups: analysis.repetitions.length }}
        report={report}
        mt={mt.provider ? { provider: mt.provider, model: mt.model } : null}
      />
    </div>
  );
}
