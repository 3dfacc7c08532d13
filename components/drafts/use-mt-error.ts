'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { useErrorMessage } from '@/components/errors/use-error-message';

/** A failed machine translation as a sentence: the provider's trouble by its `mt-…` code, the rest as any error. */
export function useMtErrorMessage(): (error: unknown) => string {
  const t = useTranslations('Drafts');
  const describe = useErrorMessage();
  return useCallback(
    (error: unknown) =>
      describe(error, {
        'mt-not-configured': t('mtErrors.notConfigured'),
        'mt-timeout': t('mtErrors.timeout'),
        'mt-rate-limited': t('mtErrors.rateLimited'),
        'mt-unavailable': t('mtErrors.unavailable'),
        'mt-quota': t('mtErrors.quota'),
        'mt-refused': t('mtErrors.refused'),
        'mt-bad-answer': t('mtErrors.badAnswer'),
        'mt-bad-request': t('mtErrors.badRequest'),
        'mt-network': t('mtErrors.network'),
        'mt-cancelled': t('mtErrors.cancelled'),
      }),
    [describe, t],
  );
}
