import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { GlossaryManager } from '@/components/glossary/glossary-manager';
import { requirePageUser } from '@/lib/auth/page-user';
import { can, isModelError, type GlossaryEntry } from '@/lib/model';
import { listGlossary } from '@/lib/service/glossary';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Glossary' });
  return { title: t('title') };
}

/** The glossary: every term with its rendering and note; translators and editors add, edit and delete. */
export default async function GlossaryPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, `/${locale}/glossary`);
  const t = await getTranslations('Glossary');
  let entries: GlossaryEntry[];
  try {
    entries = await listGlossary();
  } catch (e) {
    if (!isModelError(e, 'corrupt')) throw e;
    return (
      <div className="library" role="alert" data-testid="glossary-broken">
        <h1>{t('broken')}</h1>
        <pre className="form-error">{e.message}</pre>
      </div>
    );
  }
  return (
    <div className="library">
      <h1>{t('title')}</h1>
      <GlossaryManager initialEntries={entries} canEdit={can(user.role, 'edit-glossary')} />
    </div>
  );
}
