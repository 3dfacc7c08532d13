'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { getLangDir, type Note } from '@/lib/model';
import type { NotesState } from '@/lib/editor/notes-state';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { submitOnCtrlEnter } from './submit-keys';
import { NoteText } from './note-text';

function Editable({
  initial,
  label,
  onSave,
  onCancel,
}: {
  initial: string;
  label: string;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('Notes');
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="note-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await onSave(text);
        } finally {
          setBusy(false);
        }
      }}
    >
      <textarea aria-label={label} dir="auto" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={submitOnCtrlEnter} autoFocus />
      <div className="note-actions">
        <button type="submit" className="button" disabled={busy || !text.trim()}>
          {t('saveEdit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * One note with its thread: the quoted text (or "whole row"), the body, replies, and the actions the person may
 * take — reply, resolve or reopen, and edit or delete what they wrote (an editor may delete any note).
 */
export function NoteCard({
  note,
  notes,
  active,
  canDeleteAny,
  sourceLang,
  targetLang,
  onFocusNote,
}: {
  note: Note;
  notes: NotesState;
  active: boolean;
  canDeleteAny: boolean;
  sourceLang: string;
  targetLang: string;
  onFocusNote: (note: Note) => void;
}) {
  const t = useTranslations('Notes');
  const format = useFormatter();
  const [editing, setEditing] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>(null);
  const describe = useErrorMessage();
  const mine = note.author === notes.me;
  const lang = note.side === 'source' ? sourceLang : targetLang;
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <article
      className="note-card"
      id={`note-${note.id}`}
      data-testid="note"
      data-note-id={note.id}
      data-status={note.status}
      data-side={note.side}
      data-detached={note.detached}
      data-active={active}
      tabIndex={-1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocusNote(note);
      }}
      onClick={(e) => {
        if (!(e.target as Element).closest('button, textarea, select, a, input')) onFocusNote(note);
      }}
    >
      <header className="note-head">
        <span className="note-side">{t('on', { side: note.side })}</span>
        {note.visibility === 'public' && <span className="badge">{t('publicBadge')}</span>}
        {note.status === 'resolved' && <span className="badge badge-muted">{t('resolved')}</span>}
      </header>
      {note.quote ? (
        <blockquote className={`note-quote${note.detached ? ' is-detached' : ''}`} lang={lang} dir={getLangDir(lang)} data-testid="note-quote">
          {note.quote.exact}
        </blockquote>
      ) : (
        <p className="note-whole-row">{t('wholeRow')}</p>
      )}
      {note.detached && (
        <p className="note-detached" data-testid="note-detached">
          {t('detached')}
        </p>
      )}
      {editing === note.id ? (
        <Editable
          initial={note.body}
          label={t('body')}
          onSave={(body) => run(async () => {
            await notes.update(note.id, { body });
            setEditing(null);
          })}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <NoteText text={note.body} className="note-body" />
      )}
      <p className="note-meta">
        <span className="note-author">{note.author}</span> · <time dateTime={note.createdAt}>{when(note.createdAt)}</time>
        {note.status === 'resolved' && note.resolvedBy && <> · {t('resolvedBy', { name: note.resolvedBy })}</>}
      </p>
      <div className="note-actions">
        <button type="button" data-testid="note-toggle-status" onClick={() => run(() => notes.update(note.id, { status: note.status === 'open' ? 'resolved' : 'open' }))}>
          {note.status === 'open' ? t('resolve') : t('reopen')}
        </button>
        {mine && editing !== note.id && (
          <button type="button" onClick={() => setEditing(note.id)}>
            {t('edit')}
          </button>
        )}
        {(mine || canDeleteAny) && (
          <button type="button" data-testid="note-delete" onClick={() => window.confirm(t('confirmDelete')) && run(() => notes.remove(note.id))}>
            {t('delete')}
          </button>
        )}
      </div>
      {note.replies.length > 0 && (
        <ol className="note-replies">
          {note.replies.map((r) => (
            <li key={r.id} className="note-reply" data-testid="note-reply">
              {editing === r.id ? (
                <Editable
                  initial={r.body}
                  label={t('reply')}
                  onSave={(body) => run(async () => {
                    await notes.editReply(note.id, r.id, body);
                    setEditing(null);
                  })}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <NoteText text={r.body} />
              )}
              <p className="note-meta">
                <span className="note-author">{r.author}</span> · <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
                {r.author === notes.me && editing !== r.id && (
                  <button type="button" className="link-button" onClick={() => setEditing(r.id)}>
                    {t('edit')}
                  </button>
                )}
                {(r.author === notes.me || canDeleteAny) && (
                  <button type="button" className="link-button" onClick={() => run(() => notes.remove(note.id, r.id))}>
                    {t('delete')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="note-form note-reply-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await notes.reply(note.id, reply);
            setReply('');
          });
        }}
      >
        <textarea
          aria-label={t('reply')}
          placeholder={t('replyPlaceholder')}
          dir="auto"
          rows={1}
          value={reply}
          onChange={(e) => setReply(e.target.value)}
          onKeyDown={(e) => reply.trim() && submitOnCtrlEnter(e)}
          data-testid="reply-input"
        />
        {reply.trim() && (
          <button type="submit" data-testid="reply-send">
            {t('sendReply')}
          </button>
        )}
      </form>
      {error !== null && (
        <p className="form-error" role="alert">
          {t('failed', { message: describe(error) })}
        </p>
      )}
    </article>
  );
}
