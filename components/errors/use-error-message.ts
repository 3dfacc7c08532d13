'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { toApiError, type ApiErrorCode } from '@/lib/client';

/** A component's own sentences for some codes, already translated; the others get the general ones. */
export type ErrorSentences = Partial<Record<ApiErrorCode, string>>;

/**
 * Turns a failed call into a sentence in the interface's language, chosen by the error's code: the server's own
 * message is for logs, never shown. A code this list does not know gets a general sentence naming the code.
 */
export function useErrorMessage(): (error: unknown, sentences?: ErrorSentences) => string {
  const t = useTranslations('Errors');
  return useCallback(
    (error: unknown, sentences?: ErrorSentences) => {
      const { code } = toApiError(error);
      const own = sentences?.[code];
      if (own) return own;
      switch (code) {
        case 'invalid':
          return t('invalid');
        case 'unauthenticated':
          return t('unauthenticated');
        case 'forbidden':
          return t('forbidden');
        case 'not-found':
          return t('notFound');
        case 'conflict':
          return t('conflict');
        case 'exists':
          return t('exists');
        case 'too-large':
          return t('tooLarge');
        case 'corrupt':
          return t('corrupt');
        case 'rate-limited':
          return t('rateLimited');
        case 'unavailable':
          return t('unavailable');
        case 'internal':
          return t('internal');
        case 'no-users':
          return t('noUsers');
        case 'network':
          return t('network');
        case 'unreadable':
          return t('unreadable');
        case 'bad-response':
          return t('badResponse');
        default:
          return t('unknown', { code });
      }
    },
    [t],
  );
}

/**
 * What the server found wrong inside a file the person sent (an XLIFF, TMX, TBX or CSV that does not parse), in
 * its own words, or null. The one case where the server's sentence is shown, under the translated one: it names
 * the line and the element in the person's own file, which no sentence chosen by code can, and it is what they
 * need to repair the file.
 */
export function getFileProblem(error: unknown): string | null {
  const e = toApiError(error);
  return e.code === 'invalid' && e.status === 400 ? e.message : null;
}
