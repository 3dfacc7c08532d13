import type { PublishedSnapshot } from '../publish';
import { getParagraphText } from '../target';
import { isSpace, trimEndWhere } from '../text-scan';

/** A short plain-text description of a snapshot: the start of its first translated paragraph, else the original's. */
export function getSnapshotDescription(snapshot: PublishedSnapshot, maxLength = 200): string {
  const bodyRows = snapshot.rows.filter((r) => !r.source.every((b) => b.kind === 'title' || b.kind === 'heading'));
  const english = bodyRows.map((r) => r.target.content.map(getParagraphText).join(' ').trim()).find(Boolean);
  const text = (english ?? bodyRows[0]?.source.map((b) => b.text).join(' ') ?? snapshot.title).replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${trimEndWhere(space > maxLength * 0.6 ? cut.slice(0, space) : cut, (c) => isSpace(c) || ',.;:،؛'.includes(c))}…`;
}
