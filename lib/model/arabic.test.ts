import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldArabic, normalizeForMatch, stripArabicMarks } from './arabic';

/** Checks the map of a normalisation: each kept character comes from where the map says, and the map ends at the input's length. */
function expectMapPointsBack(input: string): void {
  const { text, map } = normalizeForMatch(input);
  expect(map).toHaveLength(text.length + 1);
  for (let i = 0; i < text.length; i++) expect(input[map[i]!]).toBe(text[i]);
  expect(map[text.length]).toBe(input.length);
  // Strictly increasing: the normalised text is a subsequence of the input, in order.
  for (let i = 1; i < map.length; i++) expect(map[i]!).toBeGreaterThan(map[i - 1]!);
}

describe('normalizeForMatch', () => {
  it('drops harakat: fatha, damma, kasra, shadda, sukun and tanwin', () => {
    expect(normalizeForMatch('مُحَمَّد').text).toBe('محمد');
    expect(normalizeForMatch('كِتَابٌ').text).toBe('كتاب');
    expect(normalizeForMatch('شُكْرًا').text).toBe('شكرا');
    expect(normalizeForMatch('خاصةً').text).toBe('خاصة');
    expect(normalizeForMatch('ٱلرَّحْمَٰن').text).toBe('ٱلرحمن'); // superscript alef U+0670 is a mark; alef wasla is a letter
  });

  it('drops tatweel', () => {
    expect(normalizeForMatch('بـــوتين').text).toBe('بوتين');
    expect(normalizeForMatch('حـفـتـر').text).toBe('حفتر');
  });

  it('keeps Arabic-Indic digits, Arabic punctuation, Latin text and spaces', () => {
    const input = 'يوم ١٠ ماي ٢٠٢٥، «ريا نوفوستي»؛ هل التقى بوتين؟ 10 May 2025 (RIA)';
    expect(normalizeForMatch(input).text).toBe(input);
    expect(normalizeForMatch('٠١٢٣٤٥٦٧٨٩').text).toBe('٠١٢٣٤٥٦٧٨٩');
    for (const ch of ['،', '؛', '؟', '«', '»']) expect(normalizeForMatch(ch).text).toBe(ch);
  });

  it('leaves text without marks as it is, with the identity map', () => {
    const input = 'استقبل الرئيس الروسي فلاديمير بوتين';
    const { text, map } = normalizeForMatch(input);
    expect(text).toBe(input);
    expect(map).toEqual([...Array(input.length + 1).keys()]);
  });

  it('maps each kept character back to its offset in the original', () => {
    const input = 'مُحَمَّد';
    const { text, map } = normalizeForMatch(input);
    // م ُ ح َ م َّ د : letters at 0, 2, 4, 7
    expect(text).toBe('محمد');
    expect(map).toEqual([0, 2, 4, 7, 8]);
    expectMapPointsBack(input);
  });

  it('maps back across tatweel and a mark at the very end', () => {
    const input = 'بـــوتينُ';
    const { text, map } = normalizeForMatch(input);
    expect(text).toBe('بوتين');
    expect(map).toEqual([0, 4, 5, 6, 7, 9]);
  });

  it('gives an empty text whose map holds only the length when everything is a mark', () => {
    expect(normalizeForMatch('ـَُِّ')).toEqual({ text: '', map: [5] });
    expect(normalizeForMatch('')).toEqual({ text: '', map: [0] });
  });

  it('maps back for any mix of letters, marks, tatweel, digits and punctuation (property)', () => {
    const alphabet = [...'بوتينحفترـًٌٍَُِّْٰ٠٥٩،؛؟«» aZ1.\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const input = chars.join('');
        expectMapPointsBack(input);
        const { text } = normalizeForMatch(input);
        expect(text).not.toMatch(/[\u064B-\u065F\u0670\u0640]/);
        expect(stripArabicMarks(input)).toBe(text);
        // Normalising twice changes nothing.
        expect(stripArabicMarks(text)).toBe(text);
      }),
    );
  });
});

describe('stripArabicMarks', () => {
  it('is the normalised text', () => {
    expect(stripArabicMarks('فلاديميرُ بـوتِين')).toBe('فلاديمير بوتين');
    expect(stripArabicMarks('Putin')).toBe('Putin');
  });
});

describe('foldArabic', () => {
  it('unifies alef, yaa, taa marbuta and kaf forms and drops marks and tatweel', () => {
    expect(foldArabic('أحمد').text).toBe(foldArabic('احمد').text);
    expect(foldArabic('إسرائيل').text).toBe('اسرائيل');
    expect(foldArabic('آسيا').text).toBe('اسيا');
    expect(foldArabic('مستشفى').text).toBe(foldArabic('مستشفي').text);
    expect(foldArabic('الجامعة').text).toBe('الجامعه');
    expect(foldArabic('الـمـدرسـةُ').text).toBe('المدرسه');
    expect(foldArabic('کتاب').text).toBe('كتاب');
  });

  it('lower-cases Latin letters and keeps digits and punctuation', () => {
    expect(foldArabic('Putin, 10 May!').text).toBe('putin, 10 may!');
  });

  it('keeps a map back to the original for every character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('أ', 'ة', 'ـ', 'َ', 'ى', 'a', 'B', ' ', 'ب') }), (input) => {
        const { text, map } = foldArabic(input);
        expect(map).toHaveLength(text.length + 1);
        expect(map[text.length]).toBe(input.length);
        for (let i = 0; i < text.length; i++) expect(foldArabic(input[map[i]!]!).text).toBe(text[i]);
      }),
    );
  });
});
