import { useTranslations } from 'next-intl';
import { Link } from '@/i18n/navigation';
import { LocaleSwitcher } from './locale-switcher';

/** The bar at the top of every page: the app's name, the library link and the interface language. */
export function SiteHeader() {
  const t = useTranslations('Header');
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Link href="/" className="site-name">
        {t('appName')}
      </Link>
      <nav className="site-nav">
        <Link href="/">{t('library')}</Link>
      </nav>
      <LocaleSwitcher />
    </header>
  );
}
