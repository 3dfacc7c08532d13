import { describe, expect, it } from 'vitest';
import { readMtConfig } from './config';

describe('readMtConfig', () => {
  it('is off without MT_PROVIDER', () => {
    expect(readMtConfig({})).toEqual({ provider: null, problem: null });
    expect(readMtConfig({ MT_PROVIDER: '  ' })).toEqual({ provider: null, problem: null });
  });

  it('makes each provider from its settings', () => {
    expect(readMtConfig({ MT_PROVIDER: 'libretranslate', MT_URL: 'http://localhost:5000' }).provider).toMatchObject({ name: 'libretranslate', model: null });
    expect(readMtConfig({ MT_PROVIDER: 'deepl', MT_API_KEY: 'k:fx', MT_MODEL: 'quality_optimized' }).provider).toMatchObject({ name: 'deepl', model: 'quality_optimized' });
    expect(readMtConfig({ MT_PROVIDER: 'openai', MT_URL: 'http://localhost:11434/v1', MT_MODEL: 'qwen2.5:7b' }).provider).toMatchObject({ name: 'openai', model: 'qwen2.5:7b' });
  });

  it('names what is missing or wrong, never a key', () => {
    expect(readMtConfig({ MT_PROVIDER: 'google' }).problem).toBe('MT_PROVIDER: must be one of libretranslate, deepl, openai');
    expect(readMtConfig({ MT_PROVIDER: 'deepl' }).problem).toBe('MT_PROVIDER=deepl needs MT_API_KEY');
    expect(readMtConfig({ MT_PROVIDER: 'openai', MT_URL: 'http://x' }).problem).toBe('MT_PROVIDER=openai needs MT_MODEL');
    expect(readMtConfig({ MT_PROVIDER: 'libretranslate', MT_URL: 'file:///etc/passwd', MT_API_KEY: 'secret' }).problem).toBe('MT_URL: must be an http(s) URL');
    expect(readMtConfig({ MT_PROVIDER: 'libretranslate', MT_URL: 'http://x', MT_TIMEOUT_MS: 'soon' }).problem).toMatch(/^MT_TIMEOUT_MS: /);
  });
});
