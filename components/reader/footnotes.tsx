import { getLangDir, type FootnoteMark, type PublishedSnapshot } from '@/lib/model';
import type { ReaderLabels } from './labels';
import { rowAnchor, scriptClass } from './reader-row';

/**
 * The public notes as numbered footnotes, each linked back to its mark in the text. In a one-language layout the
 * mark of a note on the other language is hidden, so CSS shows the link back to the note's paragraph instead.
 */
export function Footnotes({ snapshot, marks, labels }: { snapshot: PublishedSnapshot; marks: FootnoteMark[]; labels: ReaderLabels }) {
  if (!marks.length) return null;
  const notes = new Map(snapshot.notes.map((n) => [n.id, n]));
  return (
    <section className="r-notes" aria-labelledby="r-notes-title">
      <h2 id="r-notes-title">{labels.notes}</h2>
      <ol className="r-fn-list">
        {marks.map((mark) => {
          const note = notes.get(mark.noteId)!;
          const lang = note.side === 'source' ? snapshot.sourceLang : snapshot.targetLang;
          return (
            <li key={note.id} id={`note-${note.id}`} className="r-fn" value={mark.number} data-side={note.side} data-testid="footnote">
              {note.quote && (
                <q className={`r-fn-quote ${scriptClass(lang)}`} lang={lang} dir={getLangDir(lang)}>
                  {note.quote.exact}
                </q>
              )}
              <p className="r-fn-body" dir="auto">
                {note.body}
              </p>
              <p className="r-fn-meta">
                <span className="r-fn-author" dir="auto">
                  {note.author}
                </span>
                <a className="r-fn-back r-fn-back-ref" href={`#ref-${note.id}`} aria-label={labels.backToText(mark.number)}>
                  ↩
                </a>
                <a className="r-fn-back r-fn-back-row" href={`#${rowAnchor(note.rowId)}`} aria-label={labels.backToParagraph(mark.number)}>
                  ↩
                </a>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
