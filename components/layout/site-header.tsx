import { getLocale, getTranslations } from 'next-intl/server';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { Link } from '@/i18n/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { LocaleSwitcher } from './locale-switcher';

/** The bar at the top of every page: the app's name, the library and glossary links, who is signed in, the interface language. */
export async function SiteHeader() {
  const t = await getTranslations('Header');
  const ta = await getTranslations('Auth');
  const tg = await getTranslations('Glossary');
  const locale = await getLocale();
  const user = await getCurrentUser().catch(() => null);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Link href="/" className="site-name">
        {t('appName')}
      </Link>
      <nav className="site-nav">
        {user && <Link href="/">{t('library')}</Link>}
        {user && <Link href="/glossary">{tg('nav')}</Link>}
      </nav>
      {user && (
        <span className="user-badge" data-testid="current-user" data-role={user.role}>
          {ta('signedInAs', { name: user.name, role: ta(`roles.${user.role}`) })}
          {user.demo && <span className="badge">{ta('devBadge')}</span>}
          <SignOutButton label={ta('signOut')} locale={locale} />
        </span>
      )}
      <LocaleSwitcher />
    </header>
  );
}
