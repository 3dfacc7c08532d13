import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, makeNonce } from './security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(/;\s*/).map((d) => { const [name, ...values] = d.trim().split(/\s+/); return [name!, values]; }));
}

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, and no eval in production', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'abc123==', dev: false }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('allows eval only on a development server', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: 'n', dev: false })).not.toContain('unsafe-eval');
  });
});

describe('makeNonce', () => {
  it('is base64 of 16 bytes and differs each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a).not.toBe(b);
  });
});
