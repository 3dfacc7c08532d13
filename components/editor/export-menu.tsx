'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { api, type ExportFormat } from '@/lib/client';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { useDetailsDismiss } from './use-details-dismiss';

interface ExportChoice {
  id: 'xliff' | 'xliff12' | 'docxTarget' | 'docxBilingual' | 'md' | 'html' | 'json' | 'w3c';
  format: ExportFormat;
  options?: { layout?: string; version?: string };
}

/** What the menu offers, in the order a translator reaches for them. */
const CHOICES: readonly ExportChoice[] = [
  { id: 'xliff', format: 'xliff' },
  { id: 'xliff12', format: 'xliff', options: { version: '1.2' } },
  { id: 'docxTarget', format: 'docx', options: { layout: 'target' } },
  { id: 'docxBilingual', format: 'docx', options: { layout: 'bilingual' } },
  { id: 'md', format: 'md' },
  { id: 'html', format: 'html' },
  { id: 'json', format: 'json' },
  { id: 'w3c', format: 'w3c' },
];

/** Saves a file the page holds, as the browser saves a download. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The editor's Export menu: the document in the formats other tools read (XLIFF for CAT tools, Word, bilingual
 * Markdown, the published page as HTML, JSON, the notes as W3C annotations). The file is fetched by the page, so a
 * refusal (an HTML export of a document never published) is said in the interface's language, not saved as a file.
 */
export function ExportMenu({ slug }: { slug: string }) {
  const menu = useDetailsDismiss();
  const t = useTranslations('Export');
  const locale = useLocale();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (choice: ExportChoice) => {
    setBusy(choice.id);
    setError(null);
    try {
      const options = { ...choice.options, ...(choice.format === 'html' && { locale }) };
      const { blob, fileName } = await api.downloadExport(slug, choice.format, options);
      saveFile(blob, fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <details ref={menu} className="header-menu export-menu" data-testid="export-menu">
      <summary>{t('label')}</summary>
      <div className="header-menu-body">
        <ul className="menu-list">
          {CHOICES.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => void run(c)} disabled={busy !== null} data-testid={`export-${c.id}`}>
                {t(c.id)}
              </button>
            </li>
          ))}
        </ul>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="export-error">
            {t('failed', { message: describe(error, { conflict: t('notPublished') }) })}
          </p>
        )}
      </div>
    </details>
  );
}
