import { trimEndOf } from '@/lib/model/text-scan';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { postJson } from './http';
import { hasMarks, htmlToSegment, segmentText, segmentToHtml, textToSegment } from './markup';
import { MtError, type GlossaryPair, type MtProvider, type MtRequest, type MtSegment } from './types';

const LABEL = 'DeepL';

const translateAnswerSchema = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().optional() })),
});
const glossaryAnswerSchema = z.object({ glossary_id: z.string().min(1), ready: z.boolean().optional() });

export interface DeepLConfig {
  apiKey: string;
  /** The API's base URL; by default the Free API for keys ending in ":fx", else the Pro API. */
  url?: string;
  /** DeepL's `model_type` (quality_optimized, latency_optimized, prefer_quality_optimized), when set. */
  model?: string;
  timeoutMs: number;
}

/** DeepL's target code: English and Portuguese need a variant (EN-US unless the document says en-GB). */
export function deeplTarget(tag: string): string {
  const [base, region] = tag.split(/[-_]/);
  const lang = base!.toUpperCase();
  if (region && (lang === 'EN' || lang === 'PT' || lang === 'ZH')) return `${lang}-${region.toUpperCase()}`;
  if (lang === 'EN') return 'EN-US';
  if (lang === 'PT') return 'PT-PT';
  return lang;
}

const deeplSource = (tag: string) => tag.split(/[-_]/)[0]!.toUpperCase();

/** A glossary's entries as DeepL's TSV: one pair a line, no tabs or line breaks inside, each source term once. */
export function glossaryTsv(pairs: readonly GlossaryPair[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const p of pairs) {
    const term = p.term.replace(/\s+/g, ' ').trim();
    const rendering = p.rendering.replace(/\s+/g, ' ').trim();
    if (!term || !rendering || seen.has(term)) continue;
    seen.add(term);
    lines.push(`${term}\t${rendering}`);
  }
  return lines.join('\n');
}

/**
 * DeepL's REST API: `POST /v2/translate` with `Authorization: DeepL-Auth-Key …`, the row's blocks as `text`, the
 * neighbouring rows as `context`, `tag_handling: "html"` for marked text, and the document's terms as a glossary.
 * DeepL glossaries are immutable resources (`POST /v2/glossaries`, TSV entries), so one is made per distinct set
 * of terms and its id remembered; a glossary DeepL refuses (an unsupported pair) is logged and the text
 * translated without it. The REST API rather than deepl-node: the same fetch, timeouts and Retry-After handling
 * as the other providers, and no client-side retries hiding a 429 from the row.
 */
export class DeepLProvider implements MtProvider {
  readonly name = 'deepl' as const;
  readonly model: string | null;
  private readonly base: string;
  private readonly glossaries = new LRUCache<string, Promise<string | null>>({ max: 32 });

  constructor(private readonly config: DeepLConfig) {
    this.model = config.model ?? null;
    this.base = trimEndOf(config.url ?? (config.apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'), '/');
  }

  private headers() {
    return { authorization: `DeepL-Auth-Key ${this.config.apiKey}` };
  }

  /** The id of a glossary holding these pairs, made once per distinct set; null when DeepL would not make it. */
  private glossaryId(pairs: readonly GlossaryPair[], sourceLang: string, targetLang: string, signal?: AbortSignal): Promise<string | null> {
    const entries = glossaryTsv(pairs);
    if (!entries) return Promise.resolve(null);
    const source = sourceLang.split(/[-_]/)[0]!.toLowerCase();
    const target = targetLang.split(/[-_]/)[0]!.toLowerCase();
    const hash = createHash('sha256').update(`${source}\u0000${target}\u0000${entries}`).digest('hex').slice(0, 16);
    let id = this.glossaries.get(hash);
    if (!id) {
      id = postJson(
        `${this.base}/v2/glossaries`,
        { name: `bilingual-editor ${hash}`, source_lang: source, target_lang: target, entries, entries_format: 'tsv' },
        { label: LABEL, headers: this.headers(), timeoutMs: this.config.timeoutMs, signal },
      ).then(
        (answer) => {
          const parsed = glossaryAnswerSchema.safeParse(answer);
          if (!parsed.success) throw new MtError('bad-answer', `${LABEL} made a glossary but sent no glossary_id`);
          return parsed.data.glossary_id;
        },
        (e: unknown) => {
          // Only a refusal of the glossary itself is survivable; anything else (a timeout, a 429) stops the row.
          if (e instanceof MtError && e.code === 'bad-request') {
            console.warn(`DeepL: translating without the glossary: ${e.message}`);
            return null;
          }
          throw e;
        },
      );
      this.glossaries.set(hash, id);
      // A failed attempt is not remembered: the next row tries again.
      id.catch(() => this.glossaries.delete(hash));
    }
    return id;
  }

  async translate(request: MtRequest): Promise<MtSegment[]> {
    if (!request.segments.length) return [];
    const html = hasMarks(request.segments);
    const text = request.segments.map((s) => (html ? segmentToHtml(s) : segmentText(s)));
    const glossaryId = request.glossary?.length ? await this.glossaryId(request.glossary, request.sourceLang, request.targetLang, request.signal) : null;
    const context = [...(request.context?.before ?? []), ...(request.context?.after ?? [])].join('\n').trim();
    const answer = await postJson(
      `${this.base}/v2/translate`,
      {
        text,
        source_lang: deeplSource(request.sourceLang),
        target_lang: deeplTarget(request.targetLang),
        ...(html && { tag_handling: 'html' }),
        ...(context && { context }),
        ...(glossaryId && { glossary_id: glossaryId }),
        ...(this.config.model && { model_type: this.config.model }),
      },
      { label: LABEL, headers: this.headers(), timeoutMs: this.config.timeoutMs, signal: request.signal },
    );
    const parsed = translateAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new MtError('bad-answer', `${LABEL} answered without translations`);
    const out = parsed.data.translations;
    if (out.length !== text.length) throw new MtError('bad-answer', `${LABEL} sent ${out.length} translations for ${text.length} texts`);
    return out.map((t) => (html ? htmlToSegment(t.text, LABEL) : textToSegment(t.text, LABEL)));
  }
}
