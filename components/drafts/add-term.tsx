'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, toApiError } from '@/lib/client';
import { can, getLangDir, MAX_GLOSSARY_RENDERING, MAX_GLOSSARY_TERM } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import { useErrorMessage } from '@/components/errors/use-error-message';
import styles from './drafts.module.css';

/** The text selected inside an element, or ''. */
function getSelectedTextIn(element: Element | null): string {
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  if (!element || !selection || selection.isCollapsed || selection.rangeCount === 0) return '';
  const range = selection.getRangeAt(0);
  if (!element.contains(range.commonAncestorContainer)) return '';
  return selection.toString().replace(/\s+/g, ' ').trim();
}

/**
 * Adds a glossary term from the active row (people who may edit the glossary): the Arabic selected in the row's
 * original becomes the term, the English selected in its translation the rendering; either can be typed instead.
 * The selections are remembered as they are made, since selecting one side clears the page's selection of the
 * other (the translation's editor keeps its own).
 */
export function AddTerm({ rowId }: { rowId: string }) {
  const t = useTranslations('Drafts');
  const describe = useErrorMessage();
  const session = useEditorSession();
  const { glossary, editor, sourceLang, targetLang, user } = session;
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const [rendering, setRendering] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const picked = useRef({ term: '', rendering: '' });
  const termRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const allowed = can(user.role, 'edit-glossary');

  useEffect(() => {
    if (!allowed) return;
    const onSelection = () => {
      const source = getSelectedTextIn(document.getElementById(`row-${rowId}-source`));
      if (source) picked.current.term = source;
      const target = getSelectedTextIn(document.getElementById(`row-${rowId}-target`));
      if (target) picked.current.rendering = target;
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [allowed, rowId]);

  if (!allowed) return null;

  const start = () => {
    const sourceNow = getSelectedTextIn(document.getElementById(`row-${rowId}-source`));
    setTerm(sourceNow || picked.current.term);
    setRendering(editor.getSelectedText().trim() || picked.current.rendering);
    setMessage(null);
    setOpen(true);
    requestAnimationFrame(() => termRef.current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const entry = await api.addGlossaryTerm({ term: term.trim(), rendering: rendering.trim() });
      glossary.add(entry);
      picked.current = { term: '', rendering: '' };
      setOpen(false);
      setMessage({ ok: true, text: t('termAdded', { term: entry.term }) });
    } catch (err) {
      setMessage({ ok: false, text: toApiError(err).code === 'exists' ? t('termExists', { term: term.trim() }) : describe(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div className={styles.addTerm} data-testid="add-term-bar">
        <button
          type="button"
          className={styles.button}
          // Keeps the selection in the row, which the form starts from.
          onMouseDown={(e) => e.preventDefault()}
          onClick={start}
          data-testid="add-term"
        >
          {t('addTerm')}
        </button>
        {message && (
          <p className={message.ok ? styles.quiet : styles.error} role="status" data-testid="add-term-message">
            {message.text}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      className={styles.addTerm}
      onSubmit={(e) => void submit(e)}
      aria-label={t('addTermTitle')}
      data-testid="add-term-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <label htmlFor={`${id}-term`}>
        {t('termLabel')}
        <input
          ref={termRef}
          id={`${id}-term`}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          lang={sourceLang}
          dir={getLangDir(sourceLang)}
          required
          maxLength={MAX_GLOSSARY_TERM}
          data-testid="add-term-term"
        />
      </label>
      <label htmlFor={`${id}-rendering`}>
        {t('renderingLabel')}
        <input
          id={`${id}-rendering`}
          value={rendering}
          onChange={(e) => setRendering(e.target.value)}
          lang={targetLang}
          dir={getLangDir(targetLang)}
          required
          maxLength={MAX_GLOSSARY_RENDERING}
          data-testid="add-term-rendering"
        />
      </label>
      <button type="submit" className={styles.button} disabled={busy || !term.trim() || !rendering.trim()} data-testid="add-term-save">
        {t('addTermSave')}
      </button>
      <button type="button" className={styles.button} onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
      {message && (
        <p className={styles.error} role="alert" data-testid="add-term-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
