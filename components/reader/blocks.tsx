import { Fragment, type ReactNode } from 'react';
import type { BlockKind } from '@/lib/model';

/** One block ready to render: its kind (from the original), its list number, and its content. */
export interface BlockItem {
  kind: BlockKind;
  number?: string;
  content: ReactNode;
  /** Extra class, e.g. for the "not translated yet" placeholder. */
  className?: string;
  /** Language and direction of this block, when it differs from its cell's (a placeholder in the interface's). */
  lang?: string;
  dir?: 'rtl' | 'ltr';
}

interface BlockProps {
  lang: string;
  dir: 'rtl' | 'ltr';
}

function Block({ item, lang, dir }: { item: BlockItem } & BlockProps) {
  const attrs = { lang: item.lang ?? lang, dir: item.dir ?? dir };
  const cls = (base: string) => (item.className ? `${base} ${item.className}` : base);
  switch (item.kind) {
    case 'title':
      return (
        <h1 className={cls('r-block r-title')} {...attrs}>
          {item.content}
        </h1>
      );
    case 'heading':
      // Every heading is one level under the title, whatever its level in the source, so the outline never skips.
      return (
        <h2 className={cls('r-block r-heading')} {...attrs}>
          {item.content}
        </h2>
      );
    case 'numbered':
    case 'bulleted':
      return (
        <li className={cls('r-block r-item')} {...attrs}>
          {/* The number as written in the original ("١."), so it is text, not a generated counter. */}
          <span className="r-marker" aria-hidden={item.kind === 'bulleted' ? true : undefined}>
            {item.kind === 'numbered' ? `${item.number ?? ''}.` : '•'}
          </span>
          <span className="r-text">{item.content}</span>
        </li>
      );
    default:
      return (
        <p className={cls('r-block')} {...attrs}>
          {item.content}
        </p>
      );
  }
}

/**
 * A cell's blocks with their kinds: titles and headings as headings, paragraphs, and runs of list items as one
 * ordered or bulleted list. `lang` and `dir` go on every block.
 */
export function Blocks({ items, lang, dir }: { items: BlockItem[] } & BlockProps) {
  const groups: { list: 'numbered' | 'bulleted' | null; items: BlockItem[] }[] = [];
  for (const item of items) {
    const list = item.kind === 'numbered' || item.kind === 'bulleted' ? item.kind : null;
    const last = groups[groups.length - 1];
    if (list && last?.list === list) last.items.push(item);
    else groups.push({ list, items: [item] });
  }
  return (
    <>
      {groups.map((g, i) => {
        const blocks = g.items.map((item, j) => <Block key={j} item={item} lang={lang} dir={dir} />);
        if (g.list === 'numbered')
          return (
            <ol key={i} className="r-list" lang={lang} dir={dir}>
              {blocks}
            </ol>
          );
        if (g.list === 'bulleted')
          return (
            <ul key={i} className="r-list" lang={lang} dir={dir}>
              {blocks}
            </ul>
          );
        return <Fragment key={i}>{blocks}</Fragment>;
      })}
    </>
  );
}
