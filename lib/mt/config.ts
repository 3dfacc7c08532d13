import { z } from 'zod';
import { DeepLProvider } from './deepl';
import { LibreTranslateProvider } from './libretranslate';
import { OpenAiProvider } from './openai';
import { PROVIDER_NAMES, type MtProvider, type ProviderName } from './types';

/**
 * The provider is chosen by the environment:
 *
 *   MT_PROVIDER=libretranslate  MT_URL (the instance), MT_API_KEY when it asks for one
 *   MT_PROVIDER=deepl           MT_API_KEY; MT_URL only to use another endpoint; MT_MODEL as DeepL's model_type
 *   MT_PROVIDER=openai          MT_URL (the API base, e.g. http://localhost:11434/v1), MT_MODEL, MT_API_KEY if needed
 *   MT_TIMEOUT_MS               per request (default 20 s, 60 s for a chat model)
 *
 * Without MT_PROVIDER there is no machine translation, and the app says so (GET /api/mt).
 */

export interface MtConfigResult {
  provider: MtProvider | null;
  /** Why the configuration could not be used (no secret in it), for the log and GET /api/mt. */
  problem: string | null;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const envSchema = z.object({
  MT_PROVIDER: z.enum(PROVIDER_NAMES, { error: `must be one of ${PROVIDER_NAMES.join(', ')}` }),
  MT_URL: httpUrl.optional(),
  MT_API_KEY: z.string().min(1).optional(),
  MT_MODEL: z.string().min(1).max(200).optional(),
  MT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
});

/** Reads the MT settings from `env` (process.env by default); an empty value counts as unset. */
export function readMtConfig(env: Record<string, string | undefined> = process.env): MtConfigResult {
  const raw = Object.fromEntries(
    ['MT_PROVIDER', 'MT_URL', 'MT_API_KEY', 'MT_MODEL', 'MT_TIMEOUT_MS'].map((k) => [k, env[k]?.trim() || undefined]),
  );
  if (!raw.MT_PROVIDER) return { provider: null, problem: null };
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { provider: null, problem: `${String(issue.path[0])}: ${issue.message}` };
  }
  const c = parsed.data;
  const need = (name: ProviderName, field: 'MT_URL' | 'MT_API_KEY' | 'MT_MODEL') => ({
    provider: null,
    problem: `MT_PROVIDER=${name} needs ${field}`,
  });
  switch (c.MT_PROVIDER) {
    case 'libretranslate':
      if (!c.MT_URL) return need('libretranslate', 'MT_URL');
      return { provider: new LibreTranslateProvider({ url: c.MT_URL, apiKey: c.MT_API_KEY, timeoutMs: c.MT_TIMEOUT_MS ?? 20_000 }), problem: null };
    case 'deepl':
      if (!c.MT_API_KEY) return need('deepl', 'MT_API_KEY');
      return { provider: new DeepLProvider({ apiKey: c.MT_API_KEY, url: c.MT_URL, model: c.MT_MODEL, timeoutMs: c.MT_TIMEOUT_MS ?? 20_000 }), problem: null };
    case 'openai':
      if (!c.MT_URL) return need('openai', 'MT_URL');
      if (!c.MT_MODEL) return need('openai', 'MT_MODEL');
      return { provider: new OpenAiProvider({ url: c.MT_URL, model: c.MT_MODEL, apiKey: c.MT_API_KEY, timeoutMs: c.MT_TIMEOUT_MS ?? 60_000 }), problem: null };
  }
}
