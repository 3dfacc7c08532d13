'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { QaFinding } from '@/lib/model';

/** Words a QA finding in the page's language; its parameters are user text and shown as text. */
export function useQaMessage(): (finding: QaFinding) => string {
  const t = useTranslations('Qa');
  return useCallback(
    (finding: QaFinding) => {
      const params = { ...finding.params };
      // The end-punctuation check reports a missing mark as ''.
      for (const key of ['source', 'target'] as const) if (params[key] === '') params[key] = t('noMark');
      return t(`check.${finding.check}`, params as Record<string, string | number>);
    },
    [t],
  );
}
