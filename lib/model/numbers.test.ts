import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDigits } from './digits';
import { canonicalNumber, findNumbers, findNumberWords } from './numbers';

const values = (text: string) => findNumbers(text).map((n) => n.value);

describe('normalizeDigits', () => {
  it('turns Arabic-Indic and Eastern digits and Arabic separators into ASCII, one for one', () => {
    expect(normalizeDigits('١٠٫٥٪')).toBe('10.5%');
    expect(normalizeDigits('١٬٠٠٠')).toBe('1,000');
    expect(normalizeDigits('۲۰۲۵')).toBe('2025');
    expect(normalizeDigits('يوم ١٠ ماي ٢٠٢٥')).toBe('يوم 10 ماي 2025');
  });

  it('keeps the length, so offsets carry over (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('١', '۵', '٫', '٬', '٪', 'a', ' ', '٣', 'ب') }), (s) => {
      expect(normalizeDigits(s)).toHaveLength(s.length);
    }));
  });
});

describe('findNumbers', () => {
  it('finds the day and the year of a date', () => {
    expect(values('استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين يوم 10 ماي 2025، وذلك')).toEqual(['10', '2025']);
    expect(values('on 10 May 2025.')).toEqual(['10', '2025']);
    expect(values('on May 10, 2025')).toEqual(['10', '2025']);
  });

  it('reads the same value whatever the digits and separators', () => {
    expect(values('١٠٫٥٪')).toEqual(['10.5']);
    expect(values('10.5%')).toEqual(['10.5']);
    expect(values('1,000 و ١٬٠٠٠ و 1000 و ۱۰۰۰')).toEqual(['1000', '1000', '1000', '1000']);
    expect(values('1,250,000.50')).toEqual(['1250000.5']);
  });

  it('counts ordinals and numbers glued to letters by their digits', () => {
    expect(values('the 10th of May')).toEqual(['10']);
    expect(values('F-16 jets, 2nd round')).toEqual(['16', '2']);
  });

  it('gives what was written and where', () => {
    const text = 'في ٢٠٢٥ وقعت';
    const [n] = findNumbers(text);
    expect(n).toEqual({ value: '2025', text: '٢٠٢٥', start: 3, end: 7 });
    expect(text.slice(n!.start, n!.end)).toBe('٢٠٢٥');
  });

  it('does not take a sentence-ending point or a list comma as part of a number', () => {
    expect(values('2025. Then 3, 4 and 5.')).toEqual(['2025', '3', '4', '5']);
    expect(values('10,20')).toEqual(['10', '20']);
  });

  it('reads any integer back in Arabic-Indic, Eastern or grouped form (property)', () => {
    const arabicIndic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const eastern = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    fc.assert(fc.property(fc.nat(), fc.nat(99), (n, frac) => {
      const plain = String(n);
      const grouped = n.toLocaleString('en-US');
      expect(values(plain)).toEqual([plain]);
      expect(values(arabicIndic(plain))).toEqual([plain]);
      expect(values(eastern(plain))).toEqual([plain]);
      expect(values(grouped)).toEqual([plain]);
      expect(values(arabicIndic(grouped).replace(/,/g, '٬'))).toEqual([plain]);
      const decimal = `${plain}.${String(frac).padStart(2, '0')}`;
      expect(values(arabicIndic(decimal).replace('.', '٫'))).toEqual([canonicalNumber(decimal)]);
    }));
  });
});

describe('canonicalNumber', () => {
  it('drops grouping, leading zeros and trailing fraction zeros', () => {
    expect(canonicalNumber('007')).toBe('7');
    expect(canonicalNumber('0')).toBe('0');
    expect(canonicalNumber('10.50')).toBe('10.5');
    expect(canonicalNumber('10.0')).toBe('10');
    expect(canonicalNumber('0.5')).toBe('0.5');
    expect(canonicalNumber('1,000')).toBe('1000');
  });
});

describe('findNumberWords', () => {
  it('reads English cardinals, ordinals and hyphenated compounds', () => {
    expect(findNumberWords('Ten people, the first of twenty-five')).toEqual(new Set(['10', '1', '25']));
    expect(findNumberWords('the twenty-first century')).toEqual(new Set(['21']));
  });

  it('reads Arabic number words with their proclitics and any letter forms', () => {
    expect(findNumberWords('وتتضمن هذه الاتفاقيات أربعة محاور')).toEqual(new Set(['4']));
    expect(findNumberWords('والثلاثة')).toEqual(new Set(['3']));
    expect(findNumberWords('للمرة الأولى')).toEqual(new Set(['1']));
    expect(findNumberWords('خَمْسَة')).toEqual(new Set(['5']));
  });

  it('finds none in text without number words', () => {
    expect(findNumberWords('بوتين يستقبل الجنرال حفتر في الكرملين')).toEqual(new Set());
    expect(findNumberWords('Putin Receives General Haftar at the Kremlin')).toEqual(new Set());
  });
});
