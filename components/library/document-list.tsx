import { useFormatter, useTranslations } from 'next-intl';
import type { BrokenDocument, DocumentSummary } from '@/lib/model';
import { DocumentCards } from './document-cards';
import { toLibraryCard } from './library-card';

/**
 * The library's list: a card per document (DocumentCards, given only what each card shows), then the documents
 * that could not be read. Dates are formatted here, on the server, in the page's time zone.
 */
export function DocumentList({ documents, broken }: { documents: DocumentSummary[]; broken: BrokenDocument[] }) {
  const t = useTranslations('Library');
  const format = useFormatter();
  const cards = documents.map((d) => toLibraryCard(d, format.dateTime(new Date(d.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })));
  return (
    <>
      <DocumentCards cards={cards} />
      {broken.length > 0 && (
        <div className="broken-docs" role="alert">
          <p>{t('broken')}</p>
          <ul>
            {broken.map((b) => (
              <li key={b.slug}>
                <code>{b.slug}</code>: {b.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
