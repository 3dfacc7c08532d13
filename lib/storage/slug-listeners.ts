/**
 * Listeners per document, for the event buses and the presence hubs: a listener that throws does not stop the
 * others, and a document with none left is forgotten (so `slugs()` is the documents someone listens to).
 */
export class SlugListeners<T> {
  private readonly bySlug = new Map<string, Set<(value: T) => void>>();

  /** `what` names the listeners in the log when one fails. */
  constructor(private readonly what: string) {}

  add(slug: string, listener: (value: T) => void): () => void {
    let set = this.bySlug.get(slug);
    if (!set) this.bySlug.set(slug, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.bySlug.get(slug) === set) this.bySlug.delete(slug);
    };
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug);
  }

  slugs(): string[] {
    return [...this.bySlug.keys()];
  }

  emitTo(slug: string, value: T): void {
    for (const listener of [...(this.bySlug.get(slug) ?? [])]) {
      try {
        listener(value);
      } catch (e) {
        console.error(`a ${this.what} listener of ${slug} failed:`, e);
      }
    }
  }

  clear(): void {
    this.bySlug.clear();
  }
}
