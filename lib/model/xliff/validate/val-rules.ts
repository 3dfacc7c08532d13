import { getAttr, textContent, type XmlElement } from '../../xml';
import { NS, type Checker } from './context';

/**
 * The Validation module's rules applied to the translations in their scope (a file's rules to all its targets,
 * a group's or unit's to theirs; a lower rule with disabled="yes" switches off the same rule above it): a target
 * that breaks one makes the file invalid, as the module's examples say.
 */

export interface ValRule {
  el: XmlElement;
  kind: 'isPresent' | 'isNotPresent' | 'startsWith' | 'endsWith';
  value: string;
  occurs?: number;
  existsInSource: boolean;
  caseSensitive: boolean;
  normalization: 'none' | 'nfc' | 'nfd';
  disabled: boolean;
}

const KINDS = ['isPresent', 'isNotPresent', 'startsWith', 'endsWith'] as const;

/** The standard rules of the `<val:validation>` among `children` (custom rules are not evaluated). */
export function readRules(children: XmlElement[]): ValRule[] {
  const out: ValRule[] = [];
  for (const v of children) {
    if (v.uri !== NS.val || v.local !== 'validation') continue;
    for (const r of v.children) {
      if (typeof r === 'string' || r.uri !== NS.val || r.local !== 'rule') continue;
      const kinds = KINDS.filter((k) => getAttr(r, k) !== undefined);
      if (kinds.length !== 1) continue;
      const occurs = getAttr(r, 'occurs');
      const norm = getAttr(r, 'normalization');
      out.push({
        el: r,
        kind: kinds[0]!,
        value: getAttr(r, kinds[0]!)!,
        ...(occurs !== undefined && /^[1-9]\d*$/.test(occurs) && { occurs: Number(occurs) }),
        existsInSource: getAttr(r, 'existsInSource') === 'yes',
        caseSensitive: getAttr(r, 'caseSensitive') !== 'no',
        normalization: norm === 'none' || norm === 'nfd' ? norm : 'nfc',
        disabled: getAttr(r, 'disabled') === 'yes',
      });
    }
  }
  return out;
}

/** The rules in force below an element: those inherited, less the ones it disables, plus its own. */
export function scopeRules(inherited: ValRule[], own: ValRule[]): ValRule[] {
  const off = own.filter((r) => r.disabled);
  const kept = inherited.filter((r) => !off.some((o) => o.kind === r.kind && o.value === r.value));
  return [...kept, ...own.filter((r) => !r.disabled)];
}

function prepare(text: string, rule: ValRule): string {
  const normalized = rule.normalization === 'none' ? text : text.normalize(rule.normalization === 'nfd' ? 'NFD' : 'NFC');
  return rule.caseSensitive ? normalized : normalized.toLowerCase();
}

function count(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Checks one segment's translation against the rules in force. */
export function checkTargetRules(c: Checker, rules: ValRule[], source: XmlElement | undefined, target: XmlElement): void {
  for (const rule of rules) {
    const t = prepare(textContent(target), rule);
    const s = prepare(source ? textContent(source) : '', rule);
    const v = prepare(rule.value, rule);
    let broken: string | null = null;
    if (rule.kind === 'isPresent') {
      const inTarget = count(t, v);
      if (rule.occurs !== undefined ? inTarget !== rule.occurs : inTarget === 0) broken = rule.occurs !== undefined ? `it must hold "${rule.value}" exactly ${rule.occurs} times` : `it must hold "${rule.value}"`;
      else if (rule.existsInSource && (rule.occurs !== undefined ? count(s, v) === 0 : count(s, v) !== inTarget)) broken = `"${rule.value}" must be in the source as often as in the translation`;
    } else if (rule.kind === 'isNotPresent') {
      if (count(t, v) > 0) broken = `it must not hold "${rule.value}"`;
    } else {
      const test = (x: string) => (rule.kind === 'startsWith' ? x.startsWith(v) : x.endsWith(v));
      if (!test(t)) broken = `it must ${rule.kind === 'startsWith' ? 'start' : 'end'} with "${rule.value}"`;
      else if (rule.existsInSource && !test(s)) broken = `the source must ${rule.kind === 'startsWith' ? 'start' : 'end'} with "${rule.value}" too`;
    }
    if (broken) c.fail('val-target', target, `the translation breaks the validation rule on line ${rule.el.line}: ${broken}`);
  }
}
