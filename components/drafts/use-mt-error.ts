'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { toApiError } from '@/lib/client';
import { useErrorMessage } from '@/components/errors/use-error-message';

/** A failed machine translation as a sentence: the provider's trouble by its `mt-…` code, the rest as any error. */
export function useMtErrorMessage(): (error: unknown) => string {
  const t = useTranslations('Drafts');
  const describe = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      // A provider that said how long to wait: the person is told, rather than "in a moment".
      const wait = toApiError(error).retryAfter;
      return describe(error, {
        'mt-not-configured': t('mtErrors.notConfigured'),
        'mt-timeout': t('mtErrors.timeout'),
        'mt-rate-limited': wait ? t('mtErrors.rateLimitedFor', { seconds: wait }) : t('mtErrors.rateLimited'),
        'mt-unavailable': t('mtErrors.unavailable'),
        'mt-quota': t('mtErrors.quota'),
        'mt-refused': t('mtErrors.refused'),
        'mt-bad-answer': t('mtErrors.badAnswer'),
        'mt-bad-request': t('mtErrors.badRequest'),
        'mt-network': t('mtErrors.network'),
        'mt-cancelled': t('mtErrors.cancelled'),
      });
    },
    [describe, t],
  );
}
