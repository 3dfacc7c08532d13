import { isNmtoken } from './context';

/**
 * XLIFF 2 fragment identifiers (`#/f=f1/u=u1/n=n1`, `#n=n1`, `#s1`): the syntax and ordering constraints of the
 * core's Fragment Identification section, and what a reference points at once parsed.
 */

/** Selector prefixes of the core; module prefixes registered with the XLIFF TC. */
const CORE_PREFIXES = ['f', 'g', 'u', 'n', 't', 'd'];
const MODULE_PREFIXES = ['mtc', 'gls', 'mda', 'res', 'ctr', 'slr', 'val', 'its', 'itsm', 'fs'];

export interface Fragment {
  absolute: boolean;
  file?: string;
  group?: string;
  unit?: string;
  /** The last selector when it is not f, g or u: its prefix ('' for a segment, ignorable or source inline id). */
  leaf?: { prefix: string; id: string };
}

/** Parses a fragment identifier; returns a message saying what is wrong when it breaks a constraint. */
export function parseFragment(value: string): Fragment | string {
  if (!value.startsWith('#')) return `"${value}" is not a fragment identifier (it must start with "#")`;
  let rest = value.slice(1);
  const absolute = rest.startsWith('/');
  if (absolute) rest = rest.slice(1);
  if (!rest) return `"${value}" has no selector`;
  const selectors = rest.split('/');
  const seen = new Set<string>();
  const out: Fragment = { absolute };
  const order = ['f', 'g', 'u'];
  let lastStructural = -1;
  for (let i = 0; i < selectors.length; i++) {
    const sel = selectors[i]!;
    const eq = sel.indexOf('=');
    const prefix = eq < 0 ? '' : sel.slice(0, eq);
    const id = eq < 0 ? sel : sel.slice(eq + 1);
    if (eq >= 0 && !isNmtoken(prefix)) return `"${value}": selector "${sel}" has a prefix that is not an NMTOKEN`;
    if (!id || !isNmtoken(id)) return `"${value}": selector "${sel}" has an id that is not an NMTOKEN`;
    if (prefix && !CORE_PREFIXES.includes(prefix) && !MODULE_PREFIXES.includes(prefix)) return `"${value}": prefix "${prefix}" is neither a core prefix (f, g, u, n, t, d) nor a registered module prefix`;
    if (seen.has(prefix)) return `"${value}": the prefix ${prefix ? `"${prefix}"` : 'of segments and source codes (none)'} is used twice`;
    seen.add(prefix);
    const structural = order.indexOf(prefix);
    if (structural >= 0) {
      if (structural < lastStructural) return `"${value}": file, group and unit selectors must come in that order`;
      if (out.leaf) return `"${value}": the "${out.leaf.prefix || id}" selector must be the last one`;
      lastStructural = structural;
      if (prefix === 'f') out.file = id;
      else if (prefix === 'g') out.group = id;
      else out.unit = id;
    } else {
      if (out.leaf) return `"${value}": only one selector for a note, segment, code, data or module element may be used, and it must be last`;
      out.leaf = { prefix, id };
    }
  }
  return out;
}
