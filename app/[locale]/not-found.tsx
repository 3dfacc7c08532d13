import { useTranslations } from 'next-intl';
import { Link } from '@/i18n/navigation';

export default function NotFound() {
  const t = useTranslations('NotFound');
  return (
    <div className="library">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href="/">{t('back')}</Link>
    </div>
  );
}
