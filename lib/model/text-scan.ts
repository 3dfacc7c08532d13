/**
 * Linear scans for the few places where a regular expression anchored at the end (`/[…]+$/`) would be
 * quadratic: V8 tries such a pattern at every position of a long run, so a 150,000-space run costs 10^10 steps.
 * A loop from the end looks at each character once.
 */

/** `text` without the characters at its end that `drop` accepts. */
export function trimEndWhere(text: string, drop: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without the characters of `chars` (a set of single code units) at its end. */
export function trimEndOf(text: string, chars: string): string {
  return trimEndWhere(text, (c) => chars.includes(c));
}

/** True for what `\s` matches in a regular expression (and String#trim drops). */
export function isSpace(char: string): boolean {
  return char.trim() === '' && char !== '';
}
