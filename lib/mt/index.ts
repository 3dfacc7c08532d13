import { CachedProvider } from './cached';
import { readMtConfig } from './config';
import type { ProviderName } from './types';

export { segmentsToTarget } from './markup';
export { CachedProvider } from './cached';
export { isMtError, MtError, type GlossaryPair, type InlineRun, type MtErrorCode, type MtProvider, type MtRequest, type MtSegment, type ProviderName } from './types';

/** What the app tells the UI about machine translation: which provider and model, or none (and why). */
export interface MtStatus {
  provider: ProviderName | null;
  model: string | null;
  problem: string | null;
}

interface Configured {
  key: string;
  provider: CachedProvider | null;
  problem: string | null;
}

const holder = globalThis as unknown as { __mtProvider?: Configured };

/** The settings that choose the provider, so a change (in tests) makes a new one. */
function envKey(): string {
  return ['MT_PROVIDER', 'MT_URL', 'MT_API_KEY', 'MT_MODEL', 'MT_TIMEOUT_MS'].map((k) => process.env[k] ?? '').join('\u0000');
}

function configured(): Configured {
  const key = envKey();
  if (holder.__mtProvider?.key !== key) {
    const { provider, problem } = readMtConfig();
    if (problem) console.error(`machine translation is off: ${problem}`);
    holder.__mtProvider = { key, provider: provider && new CachedProvider(provider), problem };
  }
  return holder.__mtProvider;
}

/** The configured provider (with its cache), or null when machine translation is not configured. */
export function getMtProvider(): CachedProvider | null {
  return configured().provider;
}

export function getMtStatus(): MtStatus {
  const { provider, problem } = configured();
  return { provider: provider?.name ?? null, model: provider?.model ?? null, problem };
}
