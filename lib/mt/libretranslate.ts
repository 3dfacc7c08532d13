import { trimEndOf } from '@/lib/model/text-scan';
import { z } from 'zod';
import { postJson } from './http';
import { hasMarks, htmlToSegment, segmentText, segmentToHtml, textToSegment } from './markup';
import { MtError, type MtProvider, type MtRequest, type MtSegment } from './types';

const LABEL = 'LibreTranslate';

/** `POST /translate` answers `{translatedText}`: a string, or a list when `q` was one. */
const answerSchema = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

export interface LibreTranslateConfig {
  url: string;
  apiKey?: string;
  timeoutMs: number;
}

/** The primary language subtag, which is what LibreTranslate's language codes are. */
function code(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/**
 * LibreTranslate (self-hosted or a hosted instance): `POST {MT_URL}/translate` with `{q, source, target, format,
 * api_key}`. All the row's blocks go in one request (`q` as a list); marked text goes as `format: "html"`, plain
 * text as `"text"` (so an answer's `&` or `<` is never read as markup).
 */
export class LibreTranslateProvider implements MtProvider {
  readonly name = 'libretranslate' as const;
  readonly model = null;

  constructor(private readonly config: LibreTranslateConfig) {}

  async translate(request: MtRequest): Promise<MtSegment[]> {
    if (!request.segments.length) return [];
    const html = hasMarks(request.segments);
    const q = request.segments.map((s) => (html ? segmentToHtml(s) : segmentText(s)));
    const answer = await postJson(
      `${trimEndOf(this.config.url, '/')}/translate`,
      {
        q,
        source: code(request.sourceLang),
        target: code(request.targetLang),
        format: html ? 'html' : 'text',
        ...(this.config.apiKey && { api_key: this.config.apiKey }),
      },
      { label: LABEL, timeoutMs: this.config.timeoutMs, signal: request.signal },
    );
    const parsed = answerSchema.safeParse(answer);
    if (!parsed.success) throw new MtError('bad-answer', `${LABEL} answered without a translatedText`);
    const texts = typeof parsed.data.translatedText === 'string' ? [parsed.data.translatedText] : parsed.data.translatedText;
    if (texts.length !== q.length) throw new MtError('bad-answer', `${LABEL} sent ${texts.length} translations for ${q.length} texts`);
    return texts.map((t) => (html ? htmlToSegment(t, LABEL) : textToSegment(t, LABEL)));
  }
}
