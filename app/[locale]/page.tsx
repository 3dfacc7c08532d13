import '@/components/library/library.css';
import '@/components/library/status.css';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DocumentList } from '@/components/library/document-list';
import { NewDocumentForm } from '@/components/library/new-document-form';
import { requirePageUser } from '@/lib/auth/page-user';
import { can } from '@/lib/model';
import { listDocuments } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Library' });
  return { title: t('title') };
}

/** The document library: every document with its progress, and the import form. */
export default async function LibraryPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, `/${locale}`);
  const t = await getTranslations('Library');
  const { documents, broken } = await listDocuments();
  return (
    <div className="library">
      <h1>{t('title')}</h1>
      <DocumentList documents={documents} broken={broken} />
      {can(user.role, 'create-document') && <NewDocumentForm />}
    </div>
  );
}
