import { trimEndOf } from '@/lib/model/text-scan';
import { z } from 'zod';
import { getLangName } from './languages';
import { postJson } from './http';
import { hasMarks, htmlToSegment, segmentText, segmentToHtml, textToSegment } from './markup';
import { MtError, type MtProvider, type MtRequest, type MtSegment } from './types';

const LABEL = 'The translation model';

const answerSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }), finish_reason: z.string().nullable().optional() }))
    .min(1),
});

export interface OpenAiConfig {
  /** The API's base URL, e.g. http://localhost:11434/v1 (Ollama) or http://localhost:8000/v1 (vLLM). */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** `{base}/chat/completions`, adding `/v1` to a bare server address as OpenAI's clients expect it in the base. */
export function chatCompletionsUrl(base: string): string {
  const url = new URL(base);
  const path = trimEndOf(url.pathname, '/');
  url.pathname = `${path || '/v1'}/chat/completions`;
  return url.toString();
}

/** Arabic letters in an answer that should be English: more than a few means the model did not translate. */
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F]/g;
const LETTER = /\p{L}/gu;

/**
 * What a chat model says around its translation that is not part of it: a reasoning block (`<think>…</think>`),
 * a code fence, quotes around the whole answer.
 */
export function cleanAnswer(content: string): string {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const fenced = /^```[a-z]*\n([\s\S]*?)\n?```$/i.exec(text);
  if (fenced) text = fenced[1]!.trim();
  const quoted = /^(["“])([\s\S]*)(["”])$/.exec(text);
  if (quoted && !quoted[2]!.includes(quoted[1]!)) text = quoted[2]!.trim();
  return text;
}

/**
 * Any server speaking OpenAI's chat-completions API (OpenAI, Ollama, vLLM, llama.cpp's server, hosted ones): one
 * request per block, the model told the language pair, to keep `<b>`/`<i>` in place, the glossary terms found in
 * the row, and the neighbouring rows as context not to translate. The answer is checked: not empty, not cut off,
 * not still Arabic, not many times longer than the text.
 */
export class OpenAiProvider implements MtProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  private readonly endpoint: string;

  constructor(private readonly config: OpenAiConfig) {
    this.model = config.model;
    this.endpoint = chatCompletionsUrl(config.url);
  }

  /** The system and user messages for one block. */
  buildMessages(request: MtRequest, segment: MtSegment, html: boolean): { role: 'system' | 'user'; content: string }[] {
    const from = getLangName(request.sourceLang);
    const to = getLangName(request.targetLang);
    const system = [
      `You are a professional translator. Translate the user's text from ${from} into ${to} for publication.`,
      html ? 'The text marks bold with <b>…</b> and italics with <i>…</i>: keep these tags around the words that correspond; add no other markup.' : 'Answer in plain text, without Markdown.',
      request.terms?.length ? 'Use the glossary renderings given for the terms that occur.' : '',
      'Reply with the translation only: no notes, no explanations, no quotation marks around it.',
    ]
      .filter(Boolean)
      .join(' ');
    const parts: string[] = [];
    if (request.terms?.length) parts.push(`Glossary (${from} → ${to}):\n${request.terms.map((t) => `- ${t.term} → ${t.rendering}`).join('\n')}`);
    const before = request.context?.before?.filter((t) => t.trim()) ?? [];
    const after = request.context?.after?.filter((t) => t.trim()) ?? [];
    if (before.length || after.length) {
      parts.push(
        `Context, not to translate:\n${[...before.map((t) => `(before) ${t}`), ...after.map((t) => `(after) ${t}`)].join('\n')}`,
      );
    }
    parts.push(`Translate this text:\n${html ? segmentToHtml(segment) : segmentText(segment)}`);
    return [
      { role: 'system', content: system },
      { role: 'user', content: parts.join('\n\n') },
    ];
  }

  async translate(request: MtRequest): Promise<MtSegment[]> {
    const html = hasMarks(request.segments);
    const out: MtSegment[] = [];
    for (const segment of request.segments) {
      const answer = await postJson(
        this.endpoint,
        { model: this.config.model, messages: this.buildMessages(request, segment, html), temperature: 0, stream: false },
        { label: LABEL, headers: this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {}, timeoutMs: this.config.timeoutMs, signal: request.signal },
      );
      const parsed = answerSchema.safeParse(answer);
      if (!parsed.success) throw new MtError('bad-answer', `${LABEL} (${this.model}) answered without a message`);
      const choice = parsed.data.choices[0]!;
      if (choice.finish_reason === 'length') throw new MtError('bad-answer', `${LABEL} (${this.model}) stopped before the end of the translation`);
      const text = cleanAnswer(choice.message.content ?? '');
      const source = segmentText(segment);
      const letters = text.match(LETTER)?.length ?? 0;
      const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
      if (letters > 0 && arabic / letters > 0.3 && !/^ar\b/i.test(request.targetLang)) {
        throw new MtError('bad-answer', `${LABEL} (${this.model}) answered in Arabic, not with a translation`);
      }
      if (text.length > source.length * 6 + 400) throw new MtError('bad-answer', `${LABEL} (${this.model}) answered with far more text than it was given`);
      out.push(html ? htmlToSegment(text, LABEL) : textToSegment(text, LABEL));
    }
    return out;
  }
}
