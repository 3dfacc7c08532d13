import { describe, expect, it } from 'vitest';
import { isModelError } from '../errors';
import { parseTmx } from '../tmx';
import { parseXliff } from '../xliff/parse';
import { readXml, XML_LIMITS } from './read';

/**
 * The reader refuses files past its limits while it streams: deep nesting (whose namespace resolution would cost
 * the square of its depth), too many elements, too many children of one element. No timing is asserted here
 * (README gives the figures): a refusal that took the quadratic path would take minutes, not a test's seconds.
 */

const XLIFF_OPEN = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment><source>';
const XLIFF_CLOSE = '</source></segment></unit></file></xliff>';

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isModelError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('readXml limits', () => {
  it('60,000 nested elements: refused at the depth limit, naming it', () => {
    const text = '<a>'.repeat(60_000) + '</a>'.repeat(60_000);
    const e = errorOf(() => readXml(text, { label: 'XLIFF' }));
    expect(e).toEqual({ code: 'invalid', message: expect.stringContaining(`nested more than ${XML_LIMITS.maxDepth} elements deep`) });
    expect(e.message).toMatch(/^XLIFF: <a> on line 1/);
  });

  it('100,000 nested <pc> in an XLIFF source', () => {
    const text = XLIFF_OPEN + '<pc id="1">'.repeat(100_000) + 'x' + '</pc>'.repeat(100_000) + XLIFF_CLOSE;
    expect(errorOf(() => parseXliff(text))).toEqual({ code: 'invalid', message: expect.stringMatching(/<pc> on line 1 is nested more than 200 elements deep/) });
  });

  it('a TMX with 100,000 nested <hi>', () => {
    const text = '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>' + '<hi>'.repeat(100_000) + 'x' + '</hi>'.repeat(100_000) + '</seg></tuv></tu></body></tmx>';
    expect(errorOf(() => parseTmx(text, { sourceLang: 'ar', targetLang: 'en' }))).toEqual({ code: 'invalid', message: expect.stringMatching(/^TMX: <hi> on line 1 is nested more than 200/) });
  });

  it('150,000 <ph/> in one <source>: refused at the per-element limit, before any tree is walked', () => {
    const text = XLIFF_OPEN + '<ph id="1"/>'.repeat(150_000) + XLIFF_CLOSE;
    expect(errorOf(() => parseXliff(text))).toEqual({ code: 'too-large', message: expect.stringMatching(/^XLIFF: <source> on line 1 holds more than [\d,]+ elements/) });
  });

  it('more elements than the file limit, spread over many parents', () => {
    const text = '<r>' + '<g>'.concat('<e/>'.repeat(1000), '</g>').repeat(400) + '</r>';
    expect(errorOf(() => readXml(text, { limits: { maxElements: 100_000 } }))).toEqual({ code: 'too-large', message: expect.stringContaining('more than 100000 elements') });
  });

  it('reads what stays within the limits, and tells its namespace declarations', () => {
    const root = readXml('<a xmlns="urn:a" xmlns:b="urn:b">' + '<b:c>'.repeat(150) + '</b:c>'.repeat(150) + '</a>');
    expect(root).toMatchObject({ uri: 'urn:a', local: 'a', ns: { '': 'urn:a', b: 'urn:b' } });
  });
});
