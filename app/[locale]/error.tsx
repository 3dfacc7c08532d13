'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Link } from '@/i18n/navigation';

/**
 * What a page of the app shows when it fails, on the server or in the browser, in the interface's language: no
 * details (the server logs them, under the reference shown), a way to try again and a way back to the library.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('ErrorPage');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="library" role="alert" data-testid="error-page">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      {error.digest && (
        <p className="hint" dir="auto">
          {t('reference', { digest: error.digest })}
        </p>
      )}
      <p className="error-actions">
        <button type="button" className="button" onClick={reset}>
          {t('retry')}
        </button>
        <Link href="/">{t('back')}</Link>
      </p>
    </div>
  );
}
