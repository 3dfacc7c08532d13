import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { MtProvider, MtRequest, MtSegment } from './types';

/**
 * A provider with its answers remembered: the same blocks, language pair and glossary terms to the same provider
 * and model give the same translation, so a repeated row, a row opened twice or a pre-translation run after a
 * suggestion costs one request. Bounded (least recently used go first); failures are not remembered; requests for
 * the same text while one is on its way share it.
 */
export class CachedProvider implements MtProvider {
  readonly name: MtProvider['name'];
  readonly model: string | null;
  private readonly cache: LRUCache<string, MtSegment[]>;
  private readonly pending = new Map<string, Promise<MtSegment[]>>();

  constructor(
    private readonly inner: MtProvider,
    options: { maxEntries?: number } = {},
  ) {
    this.name = inner.name;
    this.model = inner.model;
    this.cache = new LRUCache({ max: options.maxEntries ?? 2000 });
  }

  /** The cache key: provider, model, languages, the blocks with their marks, and the terms the provider is given. */
  keyOf(request: MtRequest): string {
    const glossary = this.name === 'deepl' ? request.glossary : this.name === 'openai' ? request.terms : undefined;
    return createHash('sha256')
      .update(JSON.stringify([this.name, this.model, request.sourceLang, request.targetLang, request.segments, glossary ?? []]))
      .digest('base64url');
  }

  /** True when the answer for this request is remembered. */
  has(request: MtRequest): boolean {
    return this.cache.has(this.keyOf(request));
  }

  async translate(request: MtRequest): Promise<MtSegment[]> {
    const key = this.keyOf(request);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.inner.translate(request).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
      pending.then((segments) => this.cache.set(key, segments), () => {});
    }
    return structuredClone(await pending);
  }
}
