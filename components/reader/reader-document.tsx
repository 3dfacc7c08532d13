import type { ReactNode } from 'react';
import { getFootnoteMarks, getLangDir, safeHref, type PublishedSnapshot, type ReaderLayout } from '@/lib/model';
import { Footnotes } from './footnotes';
import type { ReaderLabels } from './labels';
import { ReaderRow, scriptClass } from './reader-row';

/** A title row: one whose original is nothing but title blocks. */
function isTitleRow(row: PublishedSnapshot['rows'][number]): boolean {
  return row.source.every((b) => b.kind === 'title');
}

function Meta({ snapshot, labels }: { snapshot: PublishedSnapshot; labels: ReaderLabels }) {
  const href = snapshot.sourceUrl ? safeHref(snapshot.sourceUrl) : null;
  const host = href ? new URL(href).host : null;
  return (
    <div className="r-meta">
      <p>
        <span>{labels.translatedFrom}</span>
        <span>
          <time dateTime={snapshot.firstPublishedAt}>{labels.published}</time>
        </span>
        {labels.updated && (
          <span>
            <time dateTime={snapshot.publishedAt}>{labels.updated}</time>
          </span>
        )}
        <span data-testid="reader-version">{labels.version}</span>
        {labels.publishedBy && (
          <span data-testid="reader-published-by" dir="auto">
            {labels.publishedBy}
          </span>
        )}
      </p>
      {labels.partial && (
        <p className="r-partial" role="note" data-testid="reader-partial">
          {labels.partial}
        </p>
      )}
      {(snapshot.credit || href) && (
        <p className="r-credit" data-testid="reader-credit">
          {labels.source}:{' '}
          {snapshot.credit && (
            <span className="r-credit-text" dir="auto">
              {snapshot.credit}
            </span>
          )}
          {href && (
            <>
              {snapshot.credit && ' '}
              <a href={href} rel="noopener noreferrer" dir="ltr">
                {host}
              </a>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/**
 * The published bilingual text: the title block (the title rows in both languages, the translation's credit and
 * dates), every row with its permalink, and the footnotes. Pure markup: the reading page renders it on the server
 * and the static export renders the same to a string. `layout` sets `data-layout`; `before` goes ahead of the
 * article as its sibling (the layout control, and in the export the radio inputs CSS switches the layout with).
 */
export function ReaderDocument({
  snapshot,
  layout,
  labels,
  before,
}: {
  snapshot: PublishedSnapshot;
  layout: ReaderLayout | null;
  labels: ReaderLabels;
  before?: ReactNode;
}) {
  const marks = getFootnoteMarks(snapshot);
  const marksByRow = new Map<string, typeof marks>();
  for (const m of marks) marksByRow.set(m.rowId, [...(marksByRow.get(m.rowId) ?? []), m]);
  let headCount = 0;
  while (headCount < snapshot.rows.length && isTitleRow(snapshot.rows[headCount]!)) headCount++;
  const row = (r: PublishedSnapshot['rows'][number], i: number) => (
    <ReaderRow
      key={r.id}
      row={r}
      number={i + 1}
      marks={marksByRow.get(r.id) ?? []}
      sourceLang={snapshot.sourceLang}
      targetLang={snapshot.targetLang}
      labels={labels}
    />
  );
  return (
    <div className="reader-page">
      {before}
      <article className="reader" data-layout={layout ?? undefined} data-testid="reader" data-slug={snapshot.slug} data-version={snapshot.version}>
        <header className="r-head">
          {headCount > 0 ? (
            snapshot.rows.slice(0, headCount).map(row)
          ) : (
            <h1 className={`r-title r-fallback-title ${scriptClass(snapshot.sourceLang)}`} lang={snapshot.sourceLang} dir={getLangDir(snapshot.sourceLang)}>
              {snapshot.title}
            </h1>
          )}
          <Meta snapshot={snapshot} labels={labels} />
        </header>
        <div className="r-body">{snapshot.rows.slice(headCount).map((r, i) => row(r, i + headCount))}</div>
        <Footnotes snapshot={snapshot} marks={marks} labels={labels} />
      </article>
    </div>
  );
}
