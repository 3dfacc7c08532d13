import { getLayoutParam, READER_LAYOUTS, type ReaderLayout } from '@/lib/model';
import type { ReaderLabels } from './labels';

type Langs = { sourceLang: string; targetLang: string };

/**
 * The layout control of the reading page: plain links to `?layout=…`, so it works without JavaScript and a shared
 * address opens in the same layout. The current one is marked for assistive technology too.
 */
export function LayoutLinks({ layout, langs, labels }: { layout: ReaderLayout; langs: Langs; labels: ReaderLabels }) {
  return (
    <ul className="r-layouts" aria-label={labels.layout}>
      {READER_LAYOUTS.map((l) => (
        <li key={l}>
          <a
            className="r-layout-option"
            href={`?layout=${encodeURIComponent(getLayoutParam(l, langs))}`}
            aria-current={l === layout ? 'page' : undefined}
            data-layout={l}
          >
            {labels.layouts[l]}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The id of the radio input of a layout in the static export. */
export function layoutRadioId(layout: ReaderLayout): string {
  return `rl-${layout}`;
}

/**
 * The static export's layout switch, for CSS alone: radio inputs that must come before `.r-toolbar` and
 * `.reader` as their siblings (reader.css selects `#rl-…:checked ~ .reader`). The visible control is their labels.
 */
export function LayoutRadios({ layout, labels }: { layout: ReaderLayout; labels: ReaderLabels }) {
  return (
    <>
      {READER_LAYOUTS.map((l) => (
        <input
          key={l}
          type="radio"
          name="layout"
          id={layoutRadioId(l)}
          className="r-layout-radio"
          defaultChecked={l === layout}
          aria-label={labels.layouts[l]}
        />
      ))}
    </>
  );
}

/** The labels of the static export's layout radios: the control the reader sees and clicks. */
export function LayoutLabels({ labels }: { labels: ReaderLabels }) {
  return (
    <ul className="r-layouts" aria-hidden="true">
      {READER_LAYOUTS.map((l) => (
        <li key={l}>
          <label className="r-layout-option" htmlFor={layoutRadioId(l)} data-layout={l}>
            {labels.layouts[l]}
          </label>
        </li>
      ))}
    </ul>
  );
}
