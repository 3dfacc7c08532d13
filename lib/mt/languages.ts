/** English names of the languages a prompt may name; other tags are given as they are. */
const NAMES: Record<string, string> = {
  ar: 'Arabic',
  en: 'English',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  it: 'Italian',
  ru: 'Russian',
  tr: 'Turkish',
  fa: 'Persian',
  ur: 'Urdu',
  he: 'Hebrew',
  zh: 'Chinese',
};

/** "Arabic (ar)" for a prompt. */
export function getLangName(tag: string): string {
  const name = NAMES[tag.split(/[-_]/)[0]!.toLowerCase()];
  return name ? `${name} (${tag})` : tag;
}
