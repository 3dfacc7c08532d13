'use client';

import '@/lib/editor/zod-jitless';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Link, useRouter } from '@/i18n/navigation';
import { api, DOCX_CONTENT_TYPE as DOCX_TYPE, type CreatedDocument } from '@/lib/client';
import { langSchema, slugSchema } from '@/lib/model';
import { BODY_LIMITS } from '@/lib/model/limits';
import type { WordSkipped } from '@/lib/model/word';
import { getFileProblem, useErrorMessage } from '@/components/errors/use-error-message';
import { FilePick } from '@/components/upload/file-pick';
import { useFileUpload } from '@/components/upload/use-file-upload';

type Result =
  | { kind: 'ok'; slug: string; rows: number; title: string; skipped?: WordSkipped[] }
  /** Refused here, before sending. */
  | { kind: 'refused'; message: string }
  | { kind: 'error'; error: unknown }
  | null;

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
 * optionally name it. An empty text, a bad slug or target language is refused here with the model's rules, before
 * anything is sent; what the server refuses is shown by its code.
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
  const file = useFileUpload(BODY_LIMITS.import);
  const describe = useErrorMessage();
  const shownError = result?.kind === 'error' ? result.error : file.error;
  const errorText =
    shownError != null &&
    describe(shownError, {
      invalid: word ? t('invalidWord') : xliff ? t('invalidXliff') : t('invalid'),
      exists: t('exists'),
      'too-large': t('tooLarge', { megabytes: BODY_LIMITS.import / 1024 / 1024 }),
      unreadable: t('fileError'),
      network: t('networkError'),
    });
  // What the server found wrong inside a chosen file (a line of an XLIFF file), under the sentence above.
  const fileProblem = shownError != null && (word || xliff) ? getFileProblem(shownError) : null;

  async function onFile(chosen: File | undefined) {
    setResult(null);
    // Reading the file sends nothing yet: the text goes into the form, an XLIFF or Word file is kept to be sent as it is.
    if (chosen && isWordFile(chosen)) {
      const read = await file.uploadBytes(chosen, async (f) => f);
      if (!read) return;
      setWord(read);
      setXliff(null);
      setText('');
      return;
    }
    const read = await file.upload(chosen, async (f) => f);
    if (!read) return;
    setWord(null);
    if (isXliffFile(read.name, read.text)) {
      setXliff({ ...read, hasTarget: namesTargetLanguage(read.text) });
      setText('');
    } else {
      setXliff(null);
      setText(read.text);
    }
  }

  /** The model's own rules, checked before sending: the server checks them again. */
  function check(named: { title?: string; slug?: string }): string | null {
    if (!word && !xliff && text.trim() === '') return t('empty');
    if (named.slug !== undefined && !slugSchema.safeParse(named.slug).success) return t('badSlug');
    if (xliff && !xliff.hasTarget && targetLang.trim() && !langSchema.safeParse(targetLang.trim()).success) return t('badTargetLang');
    return null;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    file.clearError();
    const named = { ...(title.trim() && { title: title.trim() }), ...(slug.trim() && { slug: slug.trim() }) };
    const problem = check(named);
    if (problem) {
      setResult({ kind: 'refused', message: problem });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const created: CreatedDocument & { skipped?: WordSkipped[] } = word
        ? await api.createDocumentFromWord(word.bytes, named)
        : xliff
          ? await api.createDocumentFromXliff(xliff.text, { ...named, ...(!xliff.hasTarget && { targetLang: targetLang.trim() }) })
          : await api.createDocument({ text, ...named });
      // The new document opens at once, unless a Word file held things that were left out: those are said here first.
      if (!(word && created.skipped?.length)) {
        router.push(`/documents/${created.slug}`);
        return;
      }
      setResult({ kind: 'ok', slug: created.slug, rows: created.rows, title: title.trim() || created.slug, skipped: created.skipped });
      setText('');
      setXliff(null);
      setWord(null);
      setTitle('');
      setSlug('');
      router.refresh();
    } catch (err) {
      setResult({ kind: 'error', error: err });
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
      <FilePick
        label={t('file')}
        name="file"
        accept={`.txt,.md,.markdown,.xlf,.xliff,.sdlxliff,.mqxliff,.xml,.docx,.doc,text/plain,text/markdown,application/xliff+xml,${DOCX_TYPE}`}
        onFile={(f) => void onFile(f)}
      />
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
      {(result?.kind === 'refused' || errorText) && (
        <p className="form-error" role="alert" data-testid="import-error">
          {result?.kind === 'refused' ? result.message : errorText}
        </p>
      )}
      {fileProblem && (
        <p className="hint" dir="auto" data-testid="import-error-detail">
          {fileProblem}
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
