import '@/components/auth/sign-in.css';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { DEMO_USERS, isDevelopment } from '@/lib/auth/demo';
import { getUserStore } from '@/lib/auth/user-store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Auth' });
  return { title: t('title') };
}

/**
 * Only same-site paths may be returned to after signing in. Browsers read `/\host` as `//host` and drop tabs and
 * newlines from addresses, so a backslash or any control character disqualifies the path.
 */
function safeNext(next: string | undefined, locale: string): string {
  const ok = next?.startsWith('/') && !/^\/[/\\]/.test(next) && ![...next].some((c) => c === '\\' || c.charCodeAt(0) < 0x20);
  return ok ? next! : `/${locale}`;
}

/**
 * Sign-in: name and password when there is a users file; on a development server without one, the three demo
 * people; on a production server without one, how to add the first user.
 */
export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ next?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Auth');
  const next = safeNext((await searchParams).next, locale);
  const users = await getUserStore().list();
  const mode = users ? 'password' : isDevelopment() ? 'demo' : 'none';
  return (
    <div className="sign-in">
      <h1>{t('title')}</h1>
      {mode === 'password' && (
        <>
          <p>{t('intro')}</p>
          <SignInForm next={next} mode="password" />
        </>
      )}
      {mode === 'demo' && (
        <>
          <h2>{t('demoTitle')}</h2>
          <p>{t('demoIntro')}</p>
          <SignInForm next={next} mode="demo" demoUsers={DEMO_USERS.map((u) => ({ name: u.name, role: u.role }))} />
        </>
      )}
      {mode === 'none' && (
        <div className="form-error" role="alert" data-testid="no-users">
          <p>{t('noUsers')}</p>
          <pre dir="ltr">npm run user -- add NAME --role editor</pre>
        </div>
      )}
    </div>
  );
}
