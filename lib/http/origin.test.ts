import { afterEach, describe, expect, it } from 'vitest';
import { getClientAddress, getPublicOrigin, isSecureOrigin } from './origin';

const saved = { APP_ORIGIN: process.env.APP_ORIGIN, TRUST_PROXY: process.env.TRUST_PROXY };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const headers = (h: Record<string, string>) => new Headers(h);

describe('the public origin', () => {
  it('is the request’s scheme, host and port when APP_ORIGIN is unset', () => {
    delete process.env.APP_ORIGIN;
    delete process.env.TRUST_PROXY;
    expect(getPublicOrigin(headers({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' }))).toBe('http://127.0.0.1:3000');
    expect(getPublicOrigin(headers({ host: 'example.org', 'x-forwarded-proto': 'https' }))).toBe('https://example.org');
    expect(isSecureOrigin(headers({ host: 'example.org', 'x-forwarded-proto': 'http' }))).toBe(false);
  });

  it('takes X-Forwarded-Host only from a trusted proxy', () => {
    delete process.env.APP_ORIGIN;
    const h = headers({ host: 'internal:3000', 'x-forwarded-host': 'translate.example.org', 'x-forwarded-proto': 'https' });
    delete process.env.TRUST_PROXY;
    expect(getPublicOrigin(h)).toBe('https://internal:3000');
    process.env.TRUST_PROXY = '1';
    expect(getPublicOrigin(h)).toBe('https://translate.example.org');
  });

  it('is APP_ORIGIN when set, whatever the request says, and https makes cookies Secure', () => {
    process.env.APP_ORIGIN = 'https://translate.example.org/';
    const h = headers({ host: 'evil.example', 'x-forwarded-proto': 'http' });
    expect(getPublicOrigin(h)).toBe('https://translate.example.org');
    expect(isSecureOrigin(h)).toBe(true);
    process.env.APP_ORIGIN = 'not a url';
    expect(() => getPublicOrigin(h)).toThrow(/APP_ORIGIN/);
  });
});

describe('the client address', () => {
  it('is the last address of X-Forwarded-For: the connection’s own, or the one the trusted proxy saw', () => {
    expect(getClientAddress(headers({ 'x-forwarded-for': '127.0.0.1' }))).toBe('127.0.0.1');
    expect(getClientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(getClientAddress(headers({}))).toBe('unknown');
  });
});
