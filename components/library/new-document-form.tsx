'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Link, useRouter } from '@/i18n/navigation';

/** What a Word import left out, as the server reports it (lib/model/word/import.ts). */
interface WordSkipped {
  kind: 'table' | 'image' | 'footnote';
  afterRow: number;
  row?: number;
  text?: string;
}

type Result = { kind: 'ok'; slug: string; rows: number; title: string; skipped?: WordSkipped[] } | { kind: 'error'; message: string } | null;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A Word document, by its name or the type the browser gives it (an old .doc too, so the server can say what to do with it). */
function isWordFile(file: File): boolean {
  return /\.docx?$/i.test(file.name) || file.type === DOCX_TYPE || file.type === 'application/msword';
}

/** An XLIFF file from a CAT tool: by its name, or an .xml file whose root is <xliff>. */
function isXliffFile(name: string, text: string): boolean {
  return /\.(xlf|xliff|sdlxliff|mqxliff)$/i.test(name) || (/\.xml$/i.test(name) && /<xliff[\s>]/.test(text.slice(0, 4000)));
}

/** True when the file names its target language (trgLang in XLIFF 2, target-language in 1.2) near its start. */
function namesTargetLanguage(text: string): boolean {
  return /\b(trgLang|target-language)\s*=\s*["'][^"'\s]/.test(text.slice(0, 8000));
}

/**
 * Import a text: paste it or choose a .txt/.md file, an XLIFF file from a CAT tool (sent as it is, and imported
 * in its own language pair), or a Word .docx (sent as it is; what it held that was not imported is listed after);
 * optionally name it. Errors from the server are shown as sent.
 */
export function NewDocumentForm() {
  const t = useTranslations('NewDocument');
  const tx = useTranslations('Xliff');
  const tw = useTranslations('Word');
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [xliff, setXliff] = useState<{ name: string; text: string; hasTarget: boolean } | null>(null);
  const [targetLang, setTargetLang] = useState('en');
  const [word, setWord] = useState<{ name: string; bytes: ArrayBuffer } | null>(null);
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    try {
      if (isWordFile(file)) {
        setWord({ name: file.name, bytes: await file.arrayBuffer() });
        setXliff(null);
        setText('');
        setResult(null);
        return;
      }
      setWord(null);
      const content = await file.text();
      if (isXliffFile(file.name, content)) {
        setXliff({ name: file.name, text: content, hasTarget: namesTargetLanguage(content) });
        setText('');
      } else {
        setXliff(null);
        setText(content);
      }
      setResult(null);
    } catch {
      setResult({ kind: 'error', message: t('fileError') });
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const named = { ...(title.trim() && { title: title.trim() }), ...(slug.trim() && { slug: slug.trim() }) };
      const response = word
        ? await fetch(`/api/documents?${new URLSearchParams(named)}`, { method: 'POST', headers: { 'content-type': DOCX_TYPE }, body: word.bytes })
        : xliff
        ? await fetch(`/api/documents?${new URLSearchParams({ ...named, ...(!xliff.hasTarget && { targetLang: targetLang.trim() }) })}`, {
            method: 'POST',
            headers: { 'content-type': 'application/xliff+xml' },
            body: xliff.text,
          })
        : await fetch('/api/documents', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text, ...named }),
          });
      const body = await response.json().catch(() => null);
      if (response.status === 201 && body?.slug) {
        setResult({ kind: 'ok', slug: body.slug, rows: body.rows, title: title.trim() || body.slug, ...(Array.isArray(body.skipped) && word && { skipped: body.skipped }) });
        setText('');
        setXliff(null);
        setWord(null);
        setTitle('');
        setSlug('');
        router.refresh();
      } else {
        setResult({ kind: 'error', message: body?.error?.message ?? `HTTP ${response.status}` });
      }
    } catch {
      setResult({ kind: 'error', message: t('networkError') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-document" onSubmit={onSubmit} aria-labelledby={`${id}-h`} data-testid="new-document">
      <h2 id={`${id}-h`}>{t('title')}</h2>
      <p className="hint">{t('help')}</p>
      <label>
        {t('text')}
        <textarea
          name="text"
          dir="auto"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setXliff(null);
            setWord(null);
          }}
        />
      </label>
      <label>
        {t('file')}
        <input type="file" name="file" accept={`.txt,.md,.markdown,.xlf,.xliff,.sdlxliff,.mqxliff,.xml,.docx,.doc,text/plain,text/markdown,application/xliff+xml,${DOCX_TYPE}`} onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {xliff && (
        <p className="hint" data-testid="import-xliff-chosen">
          {tx('chosen', { file: xliff.name })}
        </p>
      )}
      {xliff && !xliff.hasTarget && (
        <label>
          {tx('targetLang')}
          <input
            type="text"
            name="targetLang"
            dir="ltr"
            value={targetLang}
            onChange={(e) => setTargetLang(e.target.value)}
            aria-describedby={`${id}-trg`}
            data-testid="import-target-lang"
          />
          <span className="hint" id={`${id}-trg`}>
            {tx('targetLangHelp')}
          </span>
        </label>
      )}
      {word && (
        <p className="hint" data-testid="import-word-chosen">
          {tw('chosen', { file: word.name })}
        </p>
      )}
      <div className="form-row">
        <label>
          {t('docTitle')}
          <input type="text" name="title" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('slug')}
          <input type="text" name="slug" dir="ltr" value={slug} onChange={(e) => setSlug(e.target.value)} aria-describedby={`${id}-slug`} />
          <span className="hint" id={`${id}-slug`}>
            {t('slugHelp')}
          </span>
        </label>
      </div>
      {result?.kind === 'error' && (
        <p className="form-error" role="alert" data-testid="import-error">
          {result.message}
        </p>
      )}
      {result?.kind === 'ok' && (
        <p className="form-ok" role="status" data-testid="import-ok">
          {t('created', { title: result.title, count: result.rows })}{' '}
          <Link href={`/documents/${result.slug}`}>{t('openCreated')}</Link>
        </p>
      )}
      {result?.kind === 'ok' && !!result.skipped?.length && (
        <div className="hint" data-testid="import-skipped">
          {tw('skippedTitle')}
          <ul>
            {result.skipped.map((s, i) => (
              <li key={i}>
                {tw('skipped', { kind: s.kind, where: s.row ? 'in' : s.afterRow === 0 ? 'start' : 'after', row: s.row ?? s.afterRow })}
                {s.text && (
                  <>
                    {' '}
                    <q dir="auto">{s.text}</q>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button className="button" type="submit" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
