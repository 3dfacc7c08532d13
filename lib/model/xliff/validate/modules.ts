import { getAttr, type XmlElement } from '../../xml';
import { Checker, isNmtoken, NS, YES_NO } from './context';

/**
 * The modules' elements where the core allows them: Metadata (mda), Translation Candidates (mtc), Glossary (gls),
 * Change Tracking (ctr), Size and Length Restriction (slr), Validation (val), Resource Data (res), and the Format
 * Style (fs) and Size Restriction attributes on core elements.
 */

/** Module elements each structural element may hold (at most one of each). */
export const MODULES_IN: Record<'xliff' | 'file' | 'group' | 'unit', string[]> = {
  xliff: [`${NS.mda} metadata`],
  file: [`${NS.mda} metadata`, `${NS.res} resourceData`, `${NS.slr} profiles`, `${NS.slr} data`, `${NS.val} validation`, `${NS.ctr} changeTrack`],
  group: [`${NS.mda} metadata`, `${NS.slr} data`, `${NS.val} validation`, `${NS.ctr} changeTrack`],
  unit: [
    `${NS.mtc} matches`,
    `${NS.gls} glossary`,
    `${NS.mda} metadata`,
    `${NS.res} resourceData`,
    `${NS.slr} data`,
    `${NS.val} validation`,
    `${NS.ctr} changeTrack`,
  ],
};

const HTML_ELEMENTS =
  'a b bdo big blockquote body br button caption center cite code col colgroup dd del div dl dt em h1 h2 h3 h4 h5 h6 head hr html i img label legend li ol p pre q s samp select small span strike strong sub sup table tbody td tfoot th thead title tr tt u ul'.split(' ');

/** Core elements that may carry fs:fs and fs:subFs (an <ec> only when isolated). */
const FS_ELEMENTS = ['file', 'unit', 'note', 'sc', 'ec', 'ph', 'pc', 'mrk', 'sm'];

/** Where each Size and Length Restriction attribute may be used (an <ec> only when isolated). */
const SLR_PLACES: Record<string, string[]> = {
  storageRestriction: ['file', 'group', 'unit', 'mrk', 'sm', 'pc', 'sc'],
  sizeRestriction: ['file', 'group', 'unit', 'mrk', 'sm', 'pc', 'sc'],
  equivStorage: ['pc', 'sc', 'ec', 'ph'],
  sizeInfo: ['file', 'group', 'unit', 'pc', 'sc', 'ec', 'ph'],
  sizeInfoRef: ['file', 'group', 'unit', 'pc', 'sc', 'ec', 'ph'],
};

/** Format Style and Size Restriction attributes on any element. */
export function checkModuleAttributes(c: Checker, el: XmlElement): void {
  const fs = getAttr(el, 'fs', NS.fs);
  const subFs = getAttr(el, 'subFs', NS.fs);
  if (fs !== undefined || subFs !== undefined) {
    if (!c.isCore(el) || !FS_ELEMENTS.includes(el.local)) c.fail('fs-placement', el, `fs:fs and fs:subFs may not be used on <${el.local}> (only ${FS_ELEMENTS.join(', ')})`);
    else if (el.local === 'ec' && getAttr(el, 'isolated') !== 'yes') c.fail('fs-placement', el, 'fs:fs and fs:subFs may be used on an <ec> only when it is isolated="yes"');
  }
  if (fs !== undefined && !HTML_ELEMENTS.includes(fs)) c.fail('fs-fs', el, `fs:fs="${fs}" is not one of the HTML elements the Format Style module allows`);
  if (subFs !== undefined) {
    if (fs === undefined) c.fail('fs-subFs', el, 'fs:subFs may be used only with fs:fs');
    // name,value pairs separated by "\"; "," and "\" inside a value escaped with "\".
    else if (!/^[^,\\]+,(?:[^,\\]|\\[,\\])*(?:\\[^,\\]+,(?:[^,\\]|\\[,\\])*)*$/.test(subFs)) c.fail('fs-subFs', el, `fs:subFs="${subFs}" is not a list of name,value pairs separated by "\\"`);
  }
  for (const a of el.attrs) {
    if (a.uri === NS.fs && a.local !== 'fs' && a.local !== 'subFs') c.fail('attribute-allowed', el, `fs:${a.local} is not a Format Style attribute`);
    if (a.uri !== NS.slr) continue;
    const places = SLR_PLACES[a.local];
    if (!places) {
      c.fail('attribute-allowed', el, `slr:${a.local} is not a Size and Length Restriction attribute`);
      continue;
    }
    if (!c.isCore(el) || !places.includes(el.local)) c.fail('slr-placement', el, `slr:${a.local} may not be used on <${el.local}> (only ${places.join(', ')})`);
    else if (el.local === 'ec' && getAttr(el, 'isolated') !== 'yes') c.fail('slr-placement', el, `slr:${a.local} may be used on an <ec> only when it is isolated="yes" (its <sc> carries it otherwise)`);
    // The standard profiles give the values a form; a third party profile its own.
    const general = c.slrProfiles.general.startsWith('xliff:');
    const storage = c.slrProfiles.storage.startsWith('xliff:');
    const range = /^(\d+,)?(\d+|\*)$/;
    if ((a.local === 'sizeRestriction' && general) || (a.local === 'storageRestriction' && storage)) {
      if (!range.test(a.value.trim())) c.fail('slr-value', el, `slr:${a.local}="${a.value}" must be "[minimum,]maximum" in whole numbers (maximum may be "*") under the standard profiles`);
    } else if ((a.local === 'equivStorage' && storage) || (a.local === 'sizeInfo' && general)) {
      if (!/^\d*$/.test(a.value.trim())) c.fail('slr-value', el, `slr:${a.local}="${a.value}" must be a whole number under the standard profiles`);
    }
  }
  if (getAttr(el, 'sizeInfo', NS.slr) !== undefined && getAttr(el, 'sizeInfoRef', NS.slr) !== undefined) c.fail('slr-sizeInfo', el, 'slr:sizeInfo and slr:sizeInfoRef may not be used together');
}

const elementsOf = (el: XmlElement) => el.children.filter((c): c is XmlElement => typeof c !== 'string');

/** Checks `child` only as far as this module defines it; `ctx` gives what references resolve against. */
export interface ModuleContext {
  inUnit?: XmlElement;
  checkCandidate?: (match: XmlElement) => void;
  /** Checks a reference to a span of text of the unit (glossary entries and their translations). */
  checkRef?: (el: XmlElement, ref: string) => void;
  resourceIds: Set<string>;
  /** The document's languages, for module elements that state theirs. */
  langs: { src: string; trg: string | undefined };
}

export function checkModuleElement(c: Checker, el: XmlElement, ctx: ModuleContext): void {
  switch (el.uri) {
    case NS.mda:
      return metadata(c, el);
    case NS.mtc:
      return matches(c, el, ctx);
    case NS.gls:
      return glossary(c, el, ctx.checkRef);
    case NS.ctr:
      return changeTrack(c, el);
    case NS.slr:
      return sizeRestriction(c, el);
    case NS.val:
      return validation(c, el);
    case NS.res:
      return resourceData(c, el, ctx.resourceIds, ctx.langs);
  }
}

function only(c: Checker, el: XmlElement, uri: string, names: string[]): XmlElement[] {
  c.noText(el);
  const kids = elementsOf(el);
  for (const k of kids) if (k.uri !== uri || !names.includes(k.local)) c.fail('module-content', k, `<${k.name}> may not appear in <${el.name}>`);
  return kids.filter((k) => k.uri === uri && names.includes(k.local));
}

function uniqueIds(c: Checker, els: XmlElement[], rule: string): void {
  const seen = new Map<string, XmlElement>();
  for (const el of els) {
    const id = c.nmtoken(el, 'id');
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first) c.fail(rule, el, `id "${id}" is already used by <${first.name}> on line ${first.line}`);
    seen.set(id, el);
  }
}

function metadata(c: Checker, el: XmlElement): void {
  if (el.local !== 'metadata') return c.fail('module-placement', el, `<${el.name}> may not appear here (only mda:metadata)`);
  c.attributes(el, ['id'], { otherNamespaces: 'none' });
  const groups = only(c, el, NS.mda, ['metaGroup']);
  if (!groups.length) c.fail('mda-content', el, 'mda:metadata needs at least one mda:metaGroup');
  const all: XmlElement[] = [el];
  const walk = (group: XmlElement) => {
    all.push(group);
    c.attributes(group, ['id', 'category', 'appliesTo'], { otherNamespaces: 'none' });
    c.enumeration(group, 'appliesTo', ['source', 'target', 'ignorable']);
    const items = only(c, group, NS.mda, ['meta', 'metaGroup']);
    if (!items.length) c.fail('mda-content', group, 'mda:metaGroup needs at least one mda:meta or mda:metaGroup');
    for (const item of items) {
      if (item.local === 'metaGroup') walk(item);
      else {
        c.attributes(item, ['type'], { required: ['type'], otherNamespaces: 'none' });
        c.textOnly(item);
      }
    }
  };
  groups.forEach(walk);
  uniqueIds(c, all, 'mda-id-unique');
}

function matches(c: Checker, el: XmlElement, ctx: { inUnit?: XmlElement; checkCandidate?: (match: XmlElement) => void }): void {
  if (el.local !== 'matches') return c.fail('module-placement', el, `<${el.name}> may not appear here (only mtc:matches)`);
  c.attributes(el, [], { otherNamespaces: 'none' });
  const list = only(c, el, NS.mtc, ['match']);
  if (!list.length) c.fail('mtc-content', el, 'mtc:matches needs at least one mtc:match');
  uniqueIds(c, list, 'mtc-id-unique');
  for (const m of list) {
    c.attributes(m, ['id', 'matchQuality', 'matchSuitability', 'origin', 'ref', 'reference', 'similarity', 'subType', 'type'], { required: ['ref'], otherNamespaces: 'any' });
    for (const name of ['matchQuality', 'matchSuitability', 'similarity']) {
      const v = getAttr(m, name);
      if (v !== undefined && !(/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(v) && Number(v) <= 100)) c.fail('mtc-value', m, `${name}="${v}" must be a decimal from 0 to 100`);
    }
    c.enumeration(m, 'reference', YES_NO);
    c.enumeration(m, 'type', ['am', 'mt', 'icm', 'idm', 'tb', 'tm', 'other']);
    if (c.userDefined(m, 'subType') !== undefined && getAttr(m, 'type') === undefined) c.fail('mtc-subType-type', m, 'subType needs type set explicitly');
    ctx.checkCandidate?.(m);
  }
}

function glossary(c: Checker, el: XmlElement, checkRef: ModuleContext['checkRef']): void {
  if (el.local !== 'glossary') return c.fail('module-placement', el, `<${el.name}> may not appear here (only gls:glossary)`);
  c.attributes(el, [], { otherNamespaces: 'none' });
  const entries = only(c, el, NS.gls, ['glossEntry']);
  if (!entries.length) c.fail('gls-content', el, 'gls:glossary needs at least one gls:glossEntry');
  const withIds: XmlElement[] = [];
  for (const entry of entries) {
    withIds.push(entry);
    c.attributes(entry, ['id', 'ref'], { otherNamespaces: 'any' });
    const kids = elementsOf(entry).filter((k) => k.uri === NS.gls);
    const names = kids.map((k) => k.local);
    if (names[0] !== 'term' || names.filter((n) => n === 'term').length !== 1) c.fail('gls-content', entry, 'gls:glossEntry starts with exactly one gls:term');
    if (!names.includes('translation') && !names.includes('definition')) c.fail('gls-content', entry, 'gls:glossEntry needs a gls:translation or a gls:definition');
    if (names.filter((n) => n === 'definition').length > 1) c.fail('gls-content', entry, 'gls:glossEntry holds at most one gls:definition');
    const defAt = names.indexOf('definition');
    if (defAt >= 0 && names.lastIndexOf('translation') > defAt) c.fail('gls-content', entry, 'gls:translation elements come before gls:definition');
    for (const k of kids) {
      if (!['term', 'translation', 'definition'].includes(k.local)) c.fail('module-content', k, `<${k.name}> may not appear in gls:glossEntry`);
      c.attributes(k, k.local === 'translation' ? ['id', 'ref', 'source'] : ['source'], { otherNamespaces: 'any' });
      c.textOnly(k);
      if (k.local === 'translation') withIds.push(k);
    }
    for (const r of [entry, ...kids.filter((k) => k.local === 'translation')]) {
      const ref = getAttr(r, 'ref');
      if (ref !== undefined) checkRef?.(r, ref);
    }
  }
  uniqueIds(c, withIds, 'gls-id-unique');
}

function changeTrack(c: Checker, el: XmlElement): void {
  if (el.local !== 'changeTrack') return c.fail('module-placement', el, `<${el.name}> may not appear here (only ctr:changeTrack)`);
  c.attributes(el, [], { otherNamespaces: 'none' });
  const list = only(c, el, NS.ctr, ['revisions']);
  if (!list.length) c.fail('ctr-content', el, 'ctr:changeTrack needs at least one ctr:revisions');
  for (const revs of list) {
    c.attributes(revs, ['appliesTo', 'ref', 'currentVersion'], { required: ['appliesTo'], otherNamespaces: 'any' });
    for (const n of ['appliesTo', 'ref', 'currentVersion']) c.nmtoken(revs, n);
    const items = only(c, revs, NS.ctr, ['revision']);
    if (!items.length) c.fail('ctr-content', revs, 'ctr:revisions needs at least one ctr:revision');
    for (const rev of items) {
      c.attributes(rev, ['author', 'datetime', 'version'], { otherNamespaces: 'any' });
      c.nmtoken(rev, 'version');
      const dt = getAttr(rev, 'datetime');
      if (dt !== undefined && !/^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(dt)) c.fail('ctr-value', rev, `datetime="${dt}" is not an XML Schema dateTime`);
      const its = only(c, rev, NS.ctr, ['item']);
      if (!its.length) c.fail('ctr-content', rev, 'ctr:revision needs at least one ctr:item');
      for (const item of its) {
        c.attributes(item, ['property'], { required: ['property'], otherNamespaces: 'any' });
        c.textOnly(item);
      }
    }
  }
}

function sizeRestriction(c: Checker, el: XmlElement): void {
  if (el.local === 'profiles') {
    c.attributes(el, ['generalProfile', 'storageProfile'], { otherNamespaces: 'none' });
    const kids = elementsOf(el).filter((k) => k.uri === NS.slr);
    kids.forEach((k, i) => {
      if (k.local !== 'normalization' || i > 0) c.fail('module-content', k, `<${k.name}> may not appear in slr:profiles (only one slr:normalization, first)`);
      else {
        c.attributes(k, ['general', 'storage'], { otherNamespaces: 'none' });
        c.enumeration(k, 'general', ['none', 'nfc', 'nfd']);
        c.enumeration(k, 'storage', ['none', 'nfc', 'nfd']);
        c.empty(k);
      }
    });
  } else if (el.local === 'data') {
    c.attributes(el, ['profile'], { required: ['profile'], otherNamespaces: 'none' });
    for (const k of elementsOf(el)) if (k.uri === NS.slr) c.fail('module-content', k, `<${k.name}> may not appear in slr:data`);
  } else c.fail('module-placement', el, `<${el.name}> may not appear here (slr:profiles in <file>, slr:data in file, group or unit)`);
}

function validation(c: Checker, el: XmlElement): void {
  if (el.local !== 'validation') return c.fail('module-placement', el, `<${el.name}> may not appear here (only val:validation)`);
  c.attributes(el, [], { otherNamespaces: 'none' });
  const rules = only(c, el, NS.val, ['rule']);
  if (!rules.length) c.fail('val-content', el, 'val:validation needs at least one val:rule');
  for (const r of rules) {
    c.attributes(r, ['isPresent', 'occurs', 'isNotPresent', 'startsWith', 'endsWith', 'existsInSource', 'caseSensitive', 'normalization', 'disabled'], { otherNamespaces: 'any' });
    c.empty(r);
    const kinds = ['isPresent', 'isNotPresent', 'startsWith', 'endsWith'].filter((k) => getAttr(r, k) !== undefined);
    const custom = r.attrs.some((a) => a.uri !== '' && a.uri !== NS.val);
    if (kinds.length + (custom ? 1 : 0) !== 1) c.fail('val-rule', r, `a val:rule has exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom rule (it has ${kinds.length ? kinds.join(', ') : 'none'})`);
    const occurs = getAttr(r, 'occurs');
    if (occurs !== undefined) {
      if (getAttr(r, 'isPresent') === undefined) c.fail('val-rule', r, 'occurs may be used only with isPresent');
      if (!/^[1-9]\d*$/.test(occurs)) c.fail('val-rule', r, `occurs="${occurs}" must be a positive integer`);
    }
    if (getAttr(r, 'existsInSource') !== undefined && !['isPresent', 'startsWith', 'endsWith'].some((k) => getAttr(r, k) !== undefined)) {
      c.fail('val-rule', r, 'existsInSource may be used only with isPresent, startsWith or endsWith');
    }
    for (const n of ['existsInSource', 'caseSensitive', 'disabled']) c.enumeration(r, n, YES_NO);
    c.enumeration(r, 'normalization', ['none', 'nfc', 'nfd']);
  }
}

function resourceData(c: Checker, el: XmlElement, resourceIds: Set<string>, langs: { src: string; trg: string | undefined }): void {
  if (el.local !== 'resourceData') return c.fail('module-placement', el, `<${el.name}> may not appear here (only res:resourceData)`);
  c.attributes(el, ['id'], { otherNamespaces: 'none' });
  c.nmtoken(el, 'id');
  const kids = only(c, el, NS.res, ['resourceItemRef', 'resourceItem']);
  if (!kids.length) c.fail('res-content', el, 'res:resourceData needs a res:resourceItem or a res:resourceItemRef');
  const firstItem = kids.findIndex((k) => k.local === 'resourceItem');
  kids.forEach((k, i) => {
    if (k.local === 'resourceItemRef') {
      if (firstItem >= 0 && i > firstItem) c.fail('res-content', k, 'res:resourceItemRef elements come before res:resourceItem elements');
      c.attributes(k, ['id', 'ref'], { required: ['ref'], otherNamespaces: 'any' });
      const ref = c.nmtoken(k, 'ref');
      if (ref !== undefined && !resourceIds.has(ref)) c.fail('res-ref', k, `ref="${ref}" names no res:resourceItem of this file`);
      c.empty(k);
      return;
    }
    c.attributes(k, ['id', 'mimeType', 'context'], { otherNamespaces: 'any' });
    c.nmtoken(k, 'id');
    c.enumeration(k, 'context', YES_NO);
    const parts = elementsOf(k).filter((p) => p.uri === NS.res || c.isCore(p, 'notes'));
    if (!parts.some((p) => p.uri === NS.res)) c.fail('res-content', k, 'res:resourceItem needs a res:source, res:target or res:reference');
    const order = parts.map((p) => (p.uri === NS.res ? p.local : 'notes'));
    const rank = { notes: 0, source: 1, target: 2, reference: 3 } as Record<string, number>;
    order.forEach((name, i) => {
      if (rank[name] === undefined) c.fail('module-content', parts[i]!, `<${parts[i]!.name}> may not appear in res:resourceItem`);
      else if (i > 0 && (rank[name]! < rank[order[i - 1]!]! || (name !== 'reference' && name === order[i - 1]))) {
        c.fail('res-content', parts[i]!, 'res:resourceItem holds an optional res:source, then an optional res:target, then res:reference elements');
      }
    });
    const isEmpty = (p: XmlElement) => !p.children.some((ch) => typeof ch !== 'string' || ch.trim() !== '');
    for (const p of parts.filter((p) => p.uri === NS.res)) {
      if (!['source', 'target', 'reference'].includes(p.local)) continue;
      c.attributes(p, ['href', 'xml:lang'], { otherNamespaces: 'any' });
      const lang = c.xmlLang(p);
      const href = getAttr(p, 'href');
      if (p.local === 'reference') {
        if (href === undefined) c.fail('res-href', p, 'res:reference needs href');
        c.empty(p);
        continue;
      }
      if (isEmpty(p) && href === undefined) c.fail('res-href', p, `an empty res:${p.local} needs href`);
      if (!isEmpty(p) && href !== undefined) c.fail('res-href', p, `res:${p.local} has content and href: use one or the other`);
      if (p.children.some((ch) => typeof ch === 'string' && ch.trim() !== '')) c.fail('content-model', p, `res:${p.local} holds elements of other namespaces, not text`);
      const expected = p.local === 'source' ? langs.src : langs.trg;
      if (lang !== undefined && expected !== undefined && lang.toLowerCase() !== expected.toLowerCase()) {
        c.fail(`res-xml-lang`, p, `xml:lang="${lang}" of res:${p.local} must be the document's ${p.local === 'source' ? 'srcLang' : 'trgLang'} ("${expected}")`);
      }
    }
    const sides = parts.filter((p) => p.uri === NS.res && (p.local === 'source' || p.local === 'target'));
    if (sides.length && sides.every(isEmpty) && getAttr(k, 'mimeType') === undefined) c.fail('res-mimeType', k, 'mimeType is required when res:source and res:target only point to files (are empty)');
    if (getAttr(k, 'context') === 'no' && !parts.some((p) => p.uri === NS.res && p.local === 'source')) c.fail('res-content', k, 'a res:resourceItem with context="no" needs a res:source');
  });
  uniqueIds(c, kids, 'res-id-unique');
}

/** Every res:resourceItem id of a file, so references can be checked wherever they are. */
export function collectResourceIds(file: XmlElement): Set<string> {
  const ids = new Set<string>();
  const stack = [file];
  while (stack.length) {
    const el = stack.pop()!;
    for (const k of elementsOf(el)) {
      if (k.uri === NS.res && k.local === 'resourceItem') {
        const id = getAttr(k, 'id');
        if (id !== undefined && isNmtoken(id)) ids.add(id);
      } else if (k.uri === NS.res || k.local === 'unit' || k.local === 'group') stack.push(k);
    }
  }
  return ids;
}
