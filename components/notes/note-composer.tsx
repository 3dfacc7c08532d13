'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getLangDir, type NoteSide } from '@/lib/model';
import type { NoteDraft, NotesState } from '@/lib/editor/notes-state';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { submitOnCtrlEnter } from './submit-keys';

/** Writing a new note: where it points (the quote, or the whole row on a chosen side), its text and visibility. */
export function NoteComposer({
  draft,
  notes,
  sourceLang,
  targetLang,
}: {
  draft: NoteDraft;
  notes: NotesState;
  sourceLang: string;
  targetLang: string;
}) {
  const t = useTranslations('Notes');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const describe = useErrorMessage();
  const lang = draft.side === 'source' ? sourceLang : targetLang;
  return (
    <form
      className="note-card note-composer"
      data-testid="note-composer"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await notes.create(body, visibility);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') notes.closeDraft();
      }}
    >
      {draft.quote ? (
        <blockquote className="note-quote" lang={lang} dir={getLangDir(lang)}>
          {draft.quote.exact}
        </blockquote>
      ) : (
        <label className="note-side-choice">
          {t('side')}{' '}
          <select value={draft.side} onChange={(e) => notes.openDraft({ ...draft, side: e.target.value as NoteSide })}>
            <option value="target">{t('target')}</option>
            <option value="source">{t('source')}</option>
          </select>
        </label>
      )}
      <textarea
        aria-label={t('body')}
        placeholder={t('placeholder')}
        dir="auto"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => body.trim() && !busy && submitOnCtrlEnter(e)}
        autoFocus
        data-testid="note-body-input"
      />
      <label>
        {t('visibility')}{' '}
        <select value={visibility} onChange={(e) => setVisibility(e.target.value as 'internal' | 'public')} data-testid="note-visibility">
          <option value="internal">{t('internal')}</option>
          <option value="public">{t('public')}</option>
        </select>
      </label>
      <div className="note-actions">
        <button type="submit" className="button" disabled={busy || !body.trim()} data-testid="note-save">
          {t('save')}
        </button>
        <button type="button" onClick={() => notes.closeDraft()}>
          {t('cancel')}
        </button>
      </div>
      {error !== null && (
        <p className="form-error" role="alert">
          {t('failed', { message: describe(error) })}
        </p>
      )}
    </form>
  );
}
