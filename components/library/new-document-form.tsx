'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Link, useRouter } from '@/i18n/navigation';

type Result = { kind: 'ok'; slug: string; rows: number; title: string } | { kind: 'error'; message: string } | null;

/** An XLIFF file from a CAT tool: by its name, or an .xml file whose root is <xliff>. */
function isXliffFile(name: string, text: string): boolean {
  return /\.(xlf|xliff|sdlxliff|mqxliff)$/i.test(name) || (/\.xml$/i.test(name) && /<xliff[\s>]/.test(text.slice(0, 4000)));
}

/** True when the file names its target language (trgLang in XLIFF 2, target-language in 1.2) near its start. */
function namesTargetLanguage(text: string): boolean {
  return /\b(trgLang|target-language)\s*=\s*["'][^"'\s]/.test(text.slice(0, 8000));
}

/**
 * Import a text: paste it or choose a .txt/.md file, or an XLIFF file from a CAT tool (sent as it is, and imported
 * in its own language pair); optionally name it. Errors from the server are shown as sent.
 */
export function NewDocumentForm() {
  const t = useTranslations('NewDocument');
  const tx = useTranslations('Xliff');
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [xliff, setXliff] = useState<{ name: string; text: string; hasTarget: boolean } | null>(null);
  const [targetLang, setTargetLang] = useState('en');
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    try {
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
      const response = xliff
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
        setResult({ kind: 'ok', slug: body.slug, rows: body.rows, title: title.trim() || body.slug });
        setText('');
        setXliff(null);
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
          }}
        />
      </label>
      <label>
        {t('file')}
        <input type="file" name="file" accept=".txt,.md,.markdown,.xlf,.xliff,.sdlxliff,.mqxliff,.xml,text/plain,text/markdown,application/xliff+xml" onChange={(e) => void onFile(e.target.files?.[0])} />
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
      <button className="button" type="submit" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
