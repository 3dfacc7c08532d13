'use client';

import { useTranslations } from 'next-intl';
import { useState, type ChangeEvent } from 'react';

/**
 * A file input whose words are the interface's own (the browser's "Choose file / No file chosen" follow the
 * browser's language, not the page's): the input itself is hidden but stays focusable and labelled, and a styled
 * label shows the action and the name of the file chosen.
 */
export function FilePick({
  label,
  accept,
  disabled,
  name,
  onFile,
  testId,
}: {
  label: string;
  accept: string;
  disabled?: boolean;
  name?: string;
  onFile: (file: File | undefined, e: ChangeEvent<HTMLInputElement>) => void;
  testId?: string;
}) {
  const t = useTranslations('FilePick');
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <span className="file-pick">
      <span className="file-pick-label">{label}</span>
      <label className="file-pick-button" data-disabled={disabled || undefined}>
        <input
          type="file"
          name={name}
          accept={accept}
          disabled={disabled}
          className="visually-hidden"
          data-testid={testId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            setChosen(file?.name ?? null);
            onFile(file, e);
          }}
        />
        {t('choose')}
      </label>
      <span className="file-pick-name" dir="auto">
        {chosen ?? t('none')}
      </span>
    </span>
  );
}
