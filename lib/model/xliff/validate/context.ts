import { parse as parseBcp47 } from 'bcp-47';
import { describe, getAttr, XML_NS, type XmlElement } from '../../xml';

/** What every check shares: the problems found so far, and helpers for the attribute rules most elements have. */

/** One broken rule: the rule's name (as listed in README's XLIFF section), the element, and what is wrong. */
export interface XliffProblem {
  rule: string;
  element: XmlElement;
  message: string;
}

/** The module namespaces the validator knows (XLIFF 2.0 and 2.1; XLIFF 2.2 keeps them). */
export const NS = {
  mtc: 'urn:oasis:names:tc:xliff:matches:2.0',
  gls: 'urn:oasis:names:tc:xliff:glossary:2.0',
  fs: 'urn:oasis:names:tc:xliff:fs:2.0',
  mda: 'urn:oasis:names:tc:xliff:metadata:2.0',
  res: 'urn:oasis:names:tc:xliff:resourcedata:2.0',
  ctr: 'urn:oasis:names:tc:xliff:changetracking:2.0',
  slr: 'urn:oasis:names:tc:xliff:sizerestriction:2.0',
  val: 'urn:oasis:names:tc:xliff:validation:2.0',
  its: 'http://www.w3.org/2005/11/its',
  itsm: 'urn:oasis:names:tc:xliff:itsm:2.1',
} as const;

/** Modules whose attributes may sit on inline codes: Format Style, Size Restriction, and XLIFF 2.1's ITS. */
const MODULE_ATTRIBUTE_NS: string[] = [NS.fs, NS.slr, NS.its, NS.itsm];

/** Namespaces the specification defines (its elements and attributes may appear only where it says). */
export function isXliffDefined(uri: string): boolean {
  return uri.startsWith('urn:oasis:names:tc:xliff:') || uri === NS.its;
}

export class Checker {
  readonly problems: XliffProblem[] = [];
  /** The Size and Length Restriction profiles of the file being checked ('' when none). */
  slrProfiles = { general: '', storage: '' };

  constructor(
    /** The core namespace of the file (2.0/2.1 or 2.2). */
    readonly core: string,
    readonly version: string,
  ) {}

  fail(rule: string, element: XmlElement, message: string): void {
    this.problems.push({ rule, element, message });
  }

  isCore(el: XmlElement, local?: string): boolean {
    return el.uri === this.core && (local === undefined || el.local === local);
  }

  /** Core attributes of `el` must be among `allowed` (xml:lang / xml:space named as such); `required` must be there. */
  attributes(
    el: XmlElement,
    allowed: readonly string[],
    options: { required?: readonly string[]; otherNamespaces?: 'any' | 'modules' | 'none'; alsoNamespaces?: readonly string[] } = {},
  ): void {
    for (const a of el.attrs) {
      if (a.uri === '') {
        if (!allowed.includes(a.local)) this.fail('attribute-allowed', el, `attribute ${a.local} is not allowed on <${el.local}>`);
      } else if (a.uri === XML_NS) {
        if (!allowed.includes(`xml:${a.local}`)) this.fail('attribute-allowed', el, `xml:${a.local} is not allowed on <${el.local}>`);
      } else if (a.uri === this.core) {
        this.fail('attribute-allowed', el, `attribute ${a.name} in the XLIFF namespace is not allowed (core attributes have no prefix)`);
      } else if (options.alsoNamespaces?.includes(a.uri)) {
        continue;
      } else if (options.otherNamespaces === 'none' || (options.otherNamespaces === 'modules' && !MODULE_ATTRIBUTE_NS.includes(a.uri))) {
        this.fail('attribute-allowed', el, `attribute ${a.name} is not allowed on <${el.local}>${options.otherNamespaces === 'modules' ? ' (only the Format Style and Size Restriction modules may add attributes here)' : ''}`);
      }
    }
    for (const r of options.required ?? []) {
      if (getAttr(el, r) === undefined) this.fail('attribute-required', el, `attribute ${r} is required on <${el.local}>`);
    }
  }

  enumeration(el: XmlElement, name: string, values: readonly string[], uri = ''): string | undefined {
    const v = getAttr(el, name, uri);
    if (v !== undefined && !values.includes(v)) this.fail('attribute-value', el, `${name}="${v}" must be one of ${values.join(', ')}`);
    return v;
  }

  nmtoken(el: XmlElement, name: string, uri = ''): string | undefined {
    const v = getAttr(el, name, uri);
    if (v !== undefined && !isNmtoken(v)) this.fail('attribute-value', el, `${name}="${v}" is not an NMTOKEN (letters, digits, ".", "-", "_", ":")`);
    return v;
  }

  /** `prefix:value` of subState, subType and type; the `xlf` prefix only with the values the specification defines. */
  userDefined(el: XmlElement, name: string, xlfValues: readonly string[] = []): string | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return v;
    if (!USER_DEFINED.test(v)) this.fail('attribute-value', el, `${name}="${v}" must be a prefix and a value separated by ":" (e.g. "my:${v || 'value'}")`);
    else if (v.startsWith('xlf:') && !xlfValues.includes(v)) {
      this.fail('xlf-prefix-reserved', el, `${name}="${v}": the prefix "xlf" is reserved${xlfValues.length ? ` (its values here are ${xlfValues.join(', ')})` : ''}`);
    }
    return v;
  }

  /** xml:lang on any element must be a well-formed BCP 47 tag (or empty, which XML allows). */
  xmlLang(el: XmlElement): string | undefined {
    const v = getAttr(el, 'lang', XML_NS);
    if (v !== undefined && v !== '' && !isLanguageTag(v)) this.fail('xml-lang-bcp47', el, `xml:lang="${v}" is not a well-formed BCP 47 language tag`);
    return v;
  }

  xmlSpace(el: XmlElement, values: readonly string[] = ['default', 'preserve']): void {
    const v = getAttr(el, 'space', XML_NS);
    if (v !== undefined && !values.includes(v)) this.fail('attribute-value', el, `xml:space="${v}" must be ${values.join(' or ')} here`);
  }

  /** Only whitespace may sit between the children of a structural element. */
  noText(el: XmlElement): void {
    if (el.children.some((c) => typeof c === 'string' && c.trim() !== '')) this.fail('content-model', el, `<${el.local}> may hold elements only, not text`);
  }

  /** Text only: no child elements at all. */
  textOnly(el: XmlElement): void {
    const child = el.children.find((c): c is XmlElement => typeof c !== 'string');
    if (child) this.fail('content-model', child, `<${el.local}> may hold text only, not <${child.name}>`);
  }

  /** An always-empty element. */
  empty(el: XmlElement): void {
    if (el.children.length) this.fail('content-model', el, `<${el.local}> must be empty`);
  }
}

/** Formats a problem as the error message the import answers with. */
export function formatProblem(p: XliffProblem): string {
  return `XLIFF: ${describe(p.element)}: ${p.message} (rule ${p.rule})`;
}

const NMTOKEN = /^[\p{L}\p{M}\p{N}._:\-\u00B7\u203F\u2040]+$/u;
const USER_DEFINED = /^[^\s:]+:[^\s:]+$/;

export function isNmtoken(v: string): boolean {
  return NMTOKEN.test(v);
}

/** True when `tag` is a well-formed BCP 47 language tag (RFC 5646), private use and grandfathered tags included. */
export function isLanguageTag(tag: string): boolean {
  if (tag.length > 256) return false;
  const t = parseBcp47(tag, { normalize: false });
  return Boolean(t.language || t.privateuse.length || t.irregular || t.regular);
}

/** BCP 47 tags compare without regard to case. */
export function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export const YES_NO = ['yes', 'no'] as const;
export const DIRS = ['ltr', 'rtl', 'auto'] as const;
