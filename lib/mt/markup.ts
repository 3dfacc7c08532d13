import { Parser } from 'htmlparser2';
import type { TargetDoc, TargetParagraph } from '@/lib/model';
import { MtError, type InlineRun, type MtSegment } from './types';

/**
 * Bold and italic travel to the providers as `<b>` and `<i>` (LibreTranslate's and DeepL's HTML handling keep
 * tags in place; models are told to), and come back through a real HTML parser (htmlparser2: entities decoded,
 * unclosed tags closed), keeping only what the editor's schema holds.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** True when any run is bold or italic: then the segment travels as HTML, else as plain text. */
export function hasMarks(segments: readonly MtSegment[]): boolean {
  return segments.some((s) => s.some((r) => r.bold || r.italic));
}

/** A segment as HTML: text escaped, bold as `<b>`, italic as `<i>` (nested the same way every time). */
export function segmentToHtml(segment: MtSegment): string {
  return segment
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.italic) html = `<i>${html}</i>`;
      if (r.bold) html = `<b>${html}</b>`;
      return html;
    })
    .join('');
}

/** A segment's plain text. */
export function segmentText(segment: MtSegment): string {
  return segment.map((r) => r.text).join('');
}

/** Runs with the same marks side by side become one; empty runs go. */
function normalise(runs: InlineRun[]): InlineRun[] {
  const out: InlineRun[] = [];
  for (const r of runs) {
    if (!r.text) continue;
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
    else out.push({ text: r.text, ...(r.bold && { bold: true }), ...(r.italic && { italic: true }) });
  }
  return out;
}

/**
 * Parses a provider's HTML answer back into runs: `<b>`/`<strong>` are bold, `<i>`/`<em>` italic, `<br>` a line
 * break; any other tag is dropped and its text kept. An answer with no text is a bad answer.
 */
export function htmlToSegment(html: string, provider: string): MtSegment {
  const runs: InlineRun[] = [];
  let bold = 0;
  let italic = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'b' || name === 'strong') bold++;
        else if (name === 'i' || name === 'em') italic++;
        else if (name === 'br') runs.push({ text: '\n', ...(bold && { bold: true }), ...(italic && { italic: true }) });
      },
      onclosetag(name) {
        if ((name === 'b' || name === 'strong') && bold) bold--;
        else if ((name === 'i' || name === 'em') && italic) italic--;
      },
      ontext(text) {
        runs.push({ text, ...(bold && { bold: true }), ...(italic && { italic: true }) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const segment = trimSegment(normalise(runs));
  if (!segment.length) throw new MtError('bad-answer', `${provider} answered with no text`);
  return segment;
}

/** A plain-text answer as a segment; empty is a bad answer. */
export function textToSegment(text: string, provider: string): MtSegment {
  const trimmed = text.trim();
  if (!trimmed) throw new MtError('bad-answer', `${provider} answered with no text`);
  return [{ text: trimmed }];
}

/** Leading and trailing white space of the whole segment removed, runs kept. */
function trimSegment(runs: InlineRun[]): InlineRun[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length && !out[0]!.text.trim()) out.shift();
  while (out.length && !out[out.length - 1]!.text.trim()) out.pop();
  if (!out.length) return out;
  out[0]!.text = out[0]!.text.replace(/^\s+/, '');
  out[out.length - 1]!.text = out[out.length - 1]!.text.trimEnd();
  return out;
}

/** A row's translation from translated segments: one paragraph each, line breaks as hard breaks. */
export function segmentsToTarget(segments: readonly MtSegment[]): TargetDoc {
  const paragraphs: TargetParagraph[] = segments.map((segment) => {
    const content: NonNullable<TargetParagraph['content']> = [];
    for (const run of segment) {
      const marks = [...(run.bold ? [{ type: 'bold' as const }] : []), ...(run.italic ? [{ type: 'italic' as const }] : [])];
      run.text.split('\n').forEach((part, i) => {
        if (i > 0) content.push({ type: 'hard_break' });
        if (part) content.push({ type: 'text', text: part, ...(marks.length && { marks }) });
      });
    }
    return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
  });
  return { type: 'doc', content: paragraphs.length ? paragraphs : [{ type: 'paragraph' }] };
}
