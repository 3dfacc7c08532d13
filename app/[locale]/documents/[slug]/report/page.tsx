import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Suspense } from 'react';
import { AnalysisTable, OriginsTable, ReportLayout } from '@/components/report/document-report';
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
  let report;
  try {
    report = await getDocumentReport(slug);
  } catch (e) {
    if (isModelError(e, 'not-found')) notFound();
    if (!isModelError(e, 'corrupt')) throw e;
    return <Broken title={t('broken')} problem={e.message} />;
  }
  const mt = getMtStatus();
  return (
    <div className="library">
      <h1 data-testid="report-title">{t('title', { title: report.title })}</h1>
      <p>
        <Link href={`/documents/${slug}`}>{t('back')}</Link>
      </p>
      <ReportLayout>
        {/* The analysis matches every row against the memory: on a long document it comes when it is ready. */}
        <Suspense fallback={<p className="hint" data-testid="analysis-pending">{t('analysing')}</p>}>
          <Analysis slug={slug} />
        </Suspense>
        <OriginsTable report={report} mt={mt.provider ? { provider: mt.provider, model: mt.model } : null} />
      </ReportLayout>
    </div>
  );
}

async function Analysis({ slug }: { slug: string }) {
  try {
    const analysis = await analyzeDocument(slug);
    return <AnalysisTable analysis={{ ...analysis, repetitionGroups: analysis.repetitions.length }} />;
  } catch (e) {
    // A memory file broken by hand: the report says so and the rest of the page stands.
    if (!isModelError(e, 'corrupt')) throw e;
    const t = await getTranslations('Report');
    return <Broken title={t('analysisBroken')} problem={e.message} />;
  }
}

function Broken({ title, problem }: { title: string; problem: string }) {
  return (
    <div role="alert" data-testid="broken-file">
      <h2>{title}</h2>
      <pre className="form-error" dir="ltr">
        {problem}
      </pre>
    </div>
  );
}
