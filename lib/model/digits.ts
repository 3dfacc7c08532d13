/**
 * Arabic numbers read as ASCII, in one place: Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits become
 * 0-9, and with `separators` the Arabic decimal separator ٫ a point, the thousands separator ٬ a comma and ٪ a
 * percent sign. One code unit always becomes one, so offsets into the result are offsets into the input.
 */

/** The ASCII char code for `c` (a char code): a digit's always, a separator's with `separators`; else `c`. */
export function toLatinDigitCode(c: number, separators = false): number {
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660 + 48;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0 + 48;
  if (separators) {
    if (c === 0x066b) return 46; // ٫ → .
    if (c === 0x066c) return 44; // ٬ → ,
    if (c === 0x066a) return 37; // ٪ → %
  }
  return c;
}

function mapCodes(text: string, separators: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(toLatinDigitCode(text.charCodeAt(i), separators));
  return out;
}

/** Latin digits for Arabic-Indic and Eastern ones, nothing else changed ("١٢" → "12"): list numbers in English. */
export function toLatinDigits(text: string): string {
  return mapCodes(text, false);
}

/** Digits and the Arabic decimal, thousands and percent signs as ASCII ("١٠٫٥٪" → "10.5%"): numbers compared by value. */
export function normalizeDigits(text: string): string {
  return mapCodes(text, true);
}
