/**
 * Machine translation, server side only: one interface for every provider, so the row suggestion and
 * pre-translation never know which one is configured. The browser never calls a provider; it asks the app.
 */

/** A stretch of text with the marks the editor knows. */
export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** One block of text to translate (a source block of a row), or its translation. */
export type MtSegment = InlineRun[];

export interface GlossaryPair {
  term: string;
  rendering: string;
}

export interface MtRequest {
  sourceLang: string;
  targetLang: string;
  /** The blocks of one row, translated each to one paragraph, in order. */
  segments: MtSegment[];
  /** The document's glossary terms: providers with a glossary resource (DeepL) get them all. */
  glossary?: GlossaryPair[];
  /** The terms found in these segments: what a prompted model is told to use. */
  terms?: GlossaryPair[];
  /** The source text of the neighbouring rows, for context (never translated). */
  context?: { before?: string[]; after?: string[] };
  /** Aborts the request (a cancelled pre-translation, a closed connection). */
  signal?: AbortSignal;
}

export const PROVIDER_NAMES = ['libretranslate', 'deepl', 'openai'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface MtProvider {
  readonly name: ProviderName;
  /** The model named in the configuration (an OpenAI-compatible model, DeepL's model_type), or null. */
  readonly model: string | null;
  /** One translated segment per requested segment, in order; throws MtError. */
  translate(request: MtRequest): Promise<MtSegment[]>;
}

/**
 * Why a translation failed, in terms a row can show: no provider is configured, the provider took too long, asked us to slow down (with the
 * seconds it asked for), is down, refused the key, ran out of quota, answered something that is not a translation,
 * could not be reached, or the request was cancelled.
 */
export type MtErrorCode =
  | 'not-configured'
  | 'timeout'
  | 'rate-limited'
  | 'unavailable'
  | 'refused'
  | 'quota'
  | 'bad-answer'
  | 'bad-request'
  | 'network'
  | 'cancelled';

export class MtError extends Error {
  constructor(
    readonly code: MtErrorCode,
    message: string,
    /** Seconds the provider asked us to wait (Retry-After), when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'MtError';
  }
}

export function isMtError(e: unknown): e is MtError {
  return e instanceof MtError;
}
