import { describe, expect, it } from 'vitest';
import { htmlToSegment, segmentToHtml, segmentsToTarget } from './markup';
import { MtError } from './types';

describe('markup round trip', () => {
  it('sends bold and italic as tags, with the text escaped', () => {
    expect(segmentToHtml([{ text: 'a < b & ' }, { text: 'bold', bold: true }, { text: ' and ' }, { text: 'both', bold: true, italic: true }])).toBe(
      'a &lt; b &amp; <b>bold</b> and <b><i>both</i></b>',
    );
  });

  it('reads answers back with a real parser: entities, strong/em, unknown tags dropped, unclosed tags closed', () => {
    expect(htmlToSegment('Putin <b>received</b> &amp; <em>welcomed</em> <span class="x">Haftar</span>&nbsp;&#39;s', 'X')).toEqual([
      { text: 'Putin ' },
      { text: 'received', bold: true },
      { text: ' & ' },
      { text: 'welcomed', italic: true },
      { text: ' Haftar\u00a0\'s' },
    ]);
    expect(htmlToSegment('<strong>unclosed bold', 'X')).toEqual([{ text: 'unclosed bold', bold: true }]);
    expect(htmlToSegment('  line<br>two  ', 'X')).toEqual([{ text: 'line\ntwo' }]);
  });

  it('calls an answer with no text a bad answer', () => {
    expect(() => htmlToSegment('<b> </b>', 'LibreTranslate')).toThrow(MtError);
    expect(() => htmlToSegment('', 'LibreTranslate')).toThrow(/answered with no text/);
  });

  it('makes a translation the editor can hold: one paragraph a block, marks, hard breaks', () => {
    expect(segmentsToTarget([[{ text: 'A ' }, { text: 'b', bold: true }], [{ text: 'x\ny', italic: true }]])).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'A ' }, { type: 'text', text: 'b', marks: [{ type: 'bold' }] }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'x', marks: [{ type: 'italic' }] },
            { type: 'hard_break' },
            { type: 'text', text: 'y', marks: [{ type: 'italic' }] },
          ],
        },
      ],
    });
  });
});
