import { getAttr, XML_NS, type XmlElement } from '../../xml';
import { Checker, DIRS, isLanguageTag, isNmtoken, isXliffDefined, NS, sameLanguage, YES_NO, type XliffProblem } from './context';
import { parseFragment } from './fragment';
import { InlineChecker, type UnitScope } from './inline';
import { checkModuleAttributes, checkModuleElement, collectResourceIds, MODULES_IN } from './modules';
import { checkTargetRules, readRules, scopeRules, type ValRule } from './val-rules';

export { formatProblem, isLanguageTag, type XliffProblem } from './context';

/**
 * Validates an XLIFF 2.x document as a whole against the core specification's structure and Constraints (and the
 * modules' where the core allows them), so a file another tool would call invalid is refused before anything is
 * imported. Pure: it reads the tree the bounded reader built (whose depth is bounded, so recursion here is too).
 * Returns every problem found, in document order.
 */
export function validateXliff2(root: XmlElement, version: string): XliffProblem[] {
  const c = new Checker(root.uri, version);
  const v22 = version === '2.2';
  c.attributes(root, ['version', 'srcLang', 'trgLang', 'xml:space', 'xml:lang'], { required: ['version', 'srcLang'], otherNamespaces: 'any' });
  c.xmlSpace(root);
  c.xmlLang(root);
  const versions = root.uri === 'urn:oasis:names:tc:xliff:document:2.2' ? ['2.2'] : ['2.0', '2.1'];
  const declared = getAttr(root, 'version');
  if (declared !== undefined && !versions.includes(declared)) c.fail('xliff-version', root, `version="${declared}" is not a version of this namespace (${versions.join(' or ')})`);
  checkModuleAttributes(c, root);
  const srcLang = getAttr(root, 'srcLang');
  const trgLang = getAttr(root, 'trgLang');
  if (srcLang !== undefined && !isLanguageTag(srcLang)) c.fail('srcLang-bcp47', root, `srcLang="${srcLang}" is not a well-formed BCP 47 language tag`);
  if (trgLang !== undefined && !isLanguageTag(trgLang)) c.fail('trgLang-bcp47', root, `trgLang="${trgLang}" is not a well-formed BCP 47 language tag`);
  c.noText(root);
  const langs = { src: srcLang ?? '', trg: trgLang };

  let seenFile = false;
  const order = v22 ? ['notes', 'module', 'file'] : ['file'];
  let at = 0;
  const fileIds = new Map<string, XmlElement>();
  for (const child of kids(root)) {
    const slot = c.isCore(child, 'file') ? 'file' : c.isCore(child, 'notes') ? 'notes' : child.uri === NS.mda && child.local === 'metadata' ? 'module' : null;
    if (slot === null || !order.includes(slot)) {
      c.fail('content-model', child, `<${child.name}> may not appear in <xliff>${v22 ? '' : ' (XLIFF 2.0 and 2.1 hold <file> elements only)'}`);
      continue;
    }
    const pos = order.indexOf(slot);
    if (pos < at || (pos === at && slot !== 'file' && at > 0 && slot === order[at - 1])) c.fail('element-order', child, `<${child.name}> is out of order in <xliff>`);
    at = Math.max(at, pos);
    if (slot === 'notes') checkNotes(c, child, null, langs);
    else if (slot === 'module') checkModuleElement(c, child, { resourceIds: new Set(), langs });
    else {
      seenFile = true;
      const id = c.nmtoken(child, 'id');
      if (id !== undefined) {
        const first = fileIds.get(id);
        if (first) c.fail('file-id-unique', child, `id "${id}" is already used by the <file> on line ${first.line}`);
        fileIds.set(id, child);
      }
      checkFile(c, child, langs);
    }
  }
  if (!seenFile) c.fail('content-model', root, '<xliff> needs at least one <file>');
  return c.problems;
}

interface Langs {
  src: string;
  trg: string | undefined;
}

const kids = (el: XmlElement) => el.children.filter((k): k is XmlElement => typeof k !== 'string');

/** The xml:lang an element has, set on it or inherited from the nearest ancestor that sets one. */
type LangStack = (string | undefined)[];
const inherited = (stack: LangStack) => {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i] !== undefined) return stack[i];
  return undefined;
};

/** XLIFF 2.2's Plural, Gender and Select module, whose attributes a <segment> may carry. */
const PGS_NS = 'urn:oasis:names:tc:xliff:pgs:1.0';

const STRUCTURAL_ATTRS = ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'xml:space', 'xml:lang', 'type'];

function structuralAttributes(c: Checker, el: XmlElement): void {
  c.nmtoken(el, 'id');
  c.enumeration(el, 'canResegment', YES_NO);
  c.enumeration(el, 'translate', YES_NO);
  c.enumeration(el, 'srcDir', DIRS);
  c.enumeration(el, 'trgDir', DIRS);
  c.xmlSpace(el);
  c.xmlLang(el);
  checkModuleAttributes(c, el);
}

/**
 * Children of file, group and unit: extension and module elements first (any order, each module element at most
 * once and only where the core allows it), then the core elements in `coreOrder`.
 */
function checkChildren(
  c: Checker,
  el: XmlElement,
  kind: 'file' | 'group' | 'unit',
  coreOrder: string[],
  onCore: (child: XmlElement) => void,
  onModule: (child: XmlElement) => void,
): void {
  c.noText(el);
  let at = -1;
  const modulesSeen = new Set<string>();
  const allowed = MODULES_IN[kind];
  checkExtensionIds(c, el);
  for (const child of kids(el)) {
    if (c.isCore(child)) {
      const slot = child.local === 'group' || child.local === 'ignorable' ? (child.local === 'group' ? 'unit' : 'segment') : child.local;
      const pos = coreOrder.indexOf(slot);
      if (pos < 0 || (child.local === 'group' && kind === 'unit')) {
        c.fail('content-model', child, `<${child.local}> may not appear in <${el.local}>`);
        continue;
      }
      const single = slot !== 'unit' && slot !== 'segment';
      if (pos < at || (single && pos === at)) c.fail('element-order', child, `<${child.local}> is out of order in <${el.local}> (expected ${coreOrder.map((s) => `<${s}>`).join(', ')} after any module or extension elements${single ? `, and at most one <${slot}>` : ''})`);
      at = Math.max(at, pos);
      onCore(child);
      continue;
    }
    if (at >= 0 && !(kind === 'file' && at === 0)) c.fail('element-order', child, `<${child.name}> (a module or extension element) must come before the core elements of <${el.local}>`);
    if (!isXliffDefined(child.uri)) continue;
    const key = `${child.uri} ${child.local}`;
    if (child.uri === NS.its || child.uri === NS.itsm) continue;
    if (!allowed.includes(key)) {
      c.fail('module-placement', child, `<${child.name}> may not appear in <${el.local}>`);
      continue;
    }
    if (modulesSeen.has(key)) c.fail('module-placement', child, `<${el.local}> may hold at most one <${child.name}>`);
    modulesSeen.add(key);
    onModule(child);
  }
}

/** Identifiers of extension elements (`id` or `xml:id`): NMTOKENs, unique within the enclosing file, group or unit. */
function checkExtensionIds(c: Checker, el: XmlElement): void {
  const seen = new Map<string, XmlElement>();
  const stack = kids(el).filter((k) => !isXliffDefined(k.uri) && k.uri !== el.uri);
  while (stack.length) {
    const ext = stack.pop()!;
    for (const id of [getAttr(ext, 'id'), getAttr(ext, 'id', XML_NS)]) {
      if (id === undefined) continue;
      if (!isNmtoken(id)) c.fail('extension-id', ext, `the extension id "${id}" is not an NMTOKEN`);
      const first = seen.get(id);
      if (first && first !== ext) c.fail('extension-id', ext, `the extension id "${id}" is already used in this <${el.local}> by <${first.name}> on line ${first.line}`);
      seen.set(id, ext);
    }
    for (const k of kids(ext)) if (!isXliffDefined(k.uri)) stack.push(k);
  }
}

function checkFile(c: Checker, file: XmlElement, langs: Langs): void {
  const profiles = kids(file).find((k) => k.uri === NS.slr && k.local === 'profiles');
  c.slrProfiles = { general: (profiles && getAttr(profiles, 'generalProfile')) ?? '', storage: (profiles && getAttr(profiles, 'storageProfile')) ?? '' };
  c.attributes(file, ['id', 'canResegment', 'original', 'translate', 'srcDir', 'trgDir', 'xml:space', 'xml:lang'], { required: ['id'], otherNamespaces: 'any' });
  structuralAttributes(c, file);
  const unitIds = new Map<string, XmlElement>();
  const groupIds = new Map<string, XmlElement>();
  // Sub-flows may point forward: every unit id of the file first.
  const stack = [file];
  while (stack.length) {
    for (const k of kids(stack.pop()!)) {
      if (c.isCore(k, 'group')) stack.push(k);
      else if (c.isCore(k, 'unit')) {
        const id = getAttr(k, 'id');
        if (id === undefined) continue;
        const first = unitIds.get(id);
        if (first) c.fail('unit-id-unique', k, `unit id "${id}" is already used in this <file> by the unit on line ${first.line}`);
        else unitIds.set(id, k);
      }
    }
  }
  const fileUnitIds = new Set(unitIds.keys());
  const resourceIds = collectResourceIds(file);
  let hasContent = false;
  const lang: LangStack = [getAttr(file, 'lang', XML_NS)];
  const walk = (container: XmlElement, kind: 'file' | 'group', inherited: ValRule[]) => {
    const rules = scopeRules(inherited, readRules(kids(container)));
    checkChildren(
      c,
      container,
      kind,
      kind === 'file' ? ['skeleton', 'notes', 'unit'] : ['notes', 'unit'],
      (child) => {
        if (child.local === 'skeleton') return checkSkeleton(c, child);
        if (child.local === 'notes') return checkNotes(c, child, null, langs);
        hasContent ||= container === file;
        if (child.local === 'group') {
          c.attributes(child, STRUCTURAL_ATTRS, { required: ['id'], otherNamespaces: 'any' });
          structuralAttributes(c, child);
          c.userDefined(child, 'type');
          const id = getAttr(child, 'id');
          if (id !== undefined) {
            const first = groupIds.get(id);
            if (first) c.fail('group-id-unique', child, `group id "${id}" is already used in this <file> by the group on line ${first.line}`);
            groupIds.set(id, child);
          }
          lang.push(getAttr(child, 'lang', XML_NS));
          walk(child, 'group', rules);
          lang.pop();
          return;
        }
        lang.push(getAttr(child, 'lang', XML_NS));
        checkUnit(c, child, langs, lang, fileUnitIds, resourceIds, rules);
        lang.pop();
      },
      (module) => checkModuleElement(c, module, { resourceIds, langs }),
    );
  };
  walk(file, 'file', []);
  if (!hasContent) c.fail('content-model', file, '<file> needs at least one <unit> or <group>');
}

function checkSkeleton(c: Checker, el: XmlElement): void {
  c.attributes(el, ['href'], { otherNamespaces: 'none' });
  const empty = !el.children.some((k) => typeof k !== 'string' || k.trim() !== '');
  const href = getAttr(el, 'href');
  if (empty && href === undefined) c.fail('skeleton-href', el, 'an empty <skeleton> needs href pointing to the skeleton file');
  if (!empty && href !== undefined) c.fail('skeleton-href', el, '<skeleton> has content and href: use one or the other');
  for (const k of kids(el)) if (isXliffDefined(k.uri) && k.uri !== NS.its) c.fail('content-model', k, `<${k.name}> may not appear in <skeleton> (only text and elements of other namespaces)`);
}

/** `<notes>`; `unit` when in a unit (whose segments a note's ref may point to). Returns the note ids. */
function checkNotes(c: Checker, notes: XmlElement, unit: XmlElement | null, _langs: Langs): Set<string> {
  c.attributes(notes, [], { otherNamespaces: 'none' });
  c.noText(notes);
  const ids = new Map<string, XmlElement>();
  const list = kids(notes);
  if (!list.length) c.fail('content-model', notes, '<notes> needs at least one <note>');
  const v22 = c.version === '2.2';
  for (const note of list) {
    if (!c.isCore(note, 'note')) {
      c.fail('content-model', note, `<${note.name}> may not appear in <notes>`);
      continue;
    }
    c.attributes(note, ['id', 'appliesTo', 'category', 'priority', 'xml:lang', ...(v22 ? ['ref'] : [])], { otherNamespaces: 'any' });
    c.xmlLang(note);
    checkModuleAttributes(c, note);
    c.enumeration(note, 'appliesTo', ['source', 'target']);
    const priority = getAttr(note, 'priority');
    if (priority !== undefined && !/^([1-9]|10)$/.test(priority.trim())) c.fail('note-priority', note, `priority="${priority}" must be an integer from 1 to 10`);
    c.textOnly(note);
    const id = c.nmtoken(note, 'id');
    if (id !== undefined) {
      const first = ids.get(id);
      if (first) c.fail('note-id-unique', note, `note id "${id}" is already used here by the note on line ${first.line}`);
      ids.set(id, note);
    }
    const ref = v22 ? getAttr(note, 'ref') : undefined;
    if (ref !== undefined) {
      const f = parseFragment(ref);
      if (typeof f === 'string') c.fail('fragment-identifier', note, `ref ${f}`);
      else if (!unit) c.fail('note-ref', note, 'ref may be used only on notes of a <unit>');
    }
  }
  return new Set(ids.keys());
}

function checkUnit(c: Checker, unit: XmlElement, langs: Langs, lang: LangStack, fileUnitIds: Set<string>, resourceIds: Set<string>, inherited: ValRule[]): void {
  const rules = scopeRules(inherited, readRules(kids(unit)));
  c.attributes(unit, STRUCTURAL_ATTRS, { required: ['id'], otherNamespaces: 'any' });
  structuralAttributes(c, unit);
  c.userDefined(unit, 'type');
  const parts = kids(unit).filter((k) => c.isCore(k, 'segment') || c.isCore(k, 'ignorable'));
  const notesEl = kids(unit).find((k) => c.isCore(k, 'notes'));
  const dataEl = kids(unit).find((k) => c.isCore(k, 'originalData'));
  const noteIds = notesEl ? checkNotesQuiet(notesEl) : new Set<string>();
  const dataIds = dataEl ? checkOriginalData(c, dataEl) : new Set<string>();
  const segmentIds = new Map<string, XmlElement>();
  for (const p of parts) {
    const id = getAttr(p, 'id');
    if (id === undefined) continue;
    const first = segmentIds.get(id);
    if (first) c.fail('segment-id-unique', p, `id "${id}" is already used in this unit by the <${first.local}> on line ${first.line}`);
    else segmentIds.set(id, p);
  }
  const scope: UnitScope = { unit, dataIds, noteIds, fileUnitIds, segmentIds };
  const inline = new InlineChecker(c, scope);
  const matchesEls: XmlElement[] = [];
  checkChildren(
    c,
    unit,
    'unit',
    ['notes', 'originalData', 'segment'],
    (child) => {
      if (child.local === 'notes') checkNotes(c, child, unit, langs);
    },
    (module) => {
      if (module.uri === NS.mtc) matchesEls.push(module);
      else checkModuleElement(c, module, { inUnit: unit, resourceIds, langs, checkRef: (el, ref) => checkSpanRef(c, el, ref, unit, segmentIds, 'gls-ref') });
    },
  );
  if (!parts.some((p) => p.local === 'segment')) c.fail('unit-segment', unit, `unit "${getAttr(unit, 'id') ?? ''}" needs at least one <segment>`);
  const targets: { el: XmlElement; position: number }[] = [];
  parts.forEach((part, i) => {
    const isSegment = part.local === 'segment';
    c.attributes(part, isSegment ? ['id', 'canResegment', 'state', 'subState'] : ['id'], { otherNamespaces: 'none', ...(isSegment && c.version === '2.2' && { alsoNamespaces: [PGS_NS] }) });
    c.nmtoken(part, 'id');
    c.noText(part);
    const pieces = kids(part);
    const names = pieces.map((p) => (c.isCore(p) ? p.local : p.name)).join(',');
    if (names !== 'source' && names !== 'source,target') c.fail('content-model', part, `<${part.local}> holds one <source> and an optional <target>, in that order (it holds ${names || 'nothing'})`);
    const source = pieces.find((p) => c.isCore(p, 'source'));
    const target = pieces.find((p) => c.isCore(p, 'target'));
    if (isSegment) {
      c.enumeration(part, 'canResegment', YES_NO);
      const state = c.enumeration(part, 'state', ['initial', 'translated', 'reviewed', 'final']);
      const subState = c.userDefined(part, 'subState');
      if (subState !== undefined && state === undefined) c.fail('subState-state', part, `subState="${subState}" needs state set explicitly`);
      if (state !== undefined && state !== 'initial' && !target) c.fail('state-target', part, `state="${state}" needs a <target>: a segment without one can only be "initial"`);
    }
    lang.push(getAttr(part, 'lang', XML_NS));
    if (source) {
      checkSide(c, source, 'source', langs, lang);
      inline.checkSource(source);
    }
    if (target) {
      checkSide(c, target, 'target', langs, lang);
      targets.push({ el: target, position: i + 1 });
      if (isSegment && rules.length) checkTargetRules(c, rules, source, target);
    }
    lang.pop();
  });
  for (const t of targets) inline.checkTarget(t.el);
  inline.finish();
  checkOrder(c, targets, parts.length);
  for (const m of matchesEls) {
    checkModuleElement(c, m, { inUnit: unit, resourceIds, langs, checkCandidate: (match) => checkCandidate(c, match, langs, fileUnitIds, segmentIds, unit) });
  }
}

function checkNotesQuiet(notes: XmlElement): Set<string> {
  const ids = new Set<string>();
  for (const n of kids(notes)) {
    const id = getAttr(n, 'id');
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

function checkOriginalData(c: Checker, el: XmlElement): Set<string> {
  c.attributes(el, [], { otherNamespaces: 'none' });
  c.noText(el);
  const ids = new Map<string, XmlElement>();
  const list = kids(el);
  if (!list.length) c.fail('content-model', el, '<originalData> needs at least one <data>');
  for (const d of list) {
    if (!c.isCore(d, 'data')) {
      c.fail('content-model', d, `<${d.name}> may not appear in <originalData>`);
      continue;
    }
    c.attributes(d, ['id', 'dir', 'xml:space'], { required: ['id'], otherNamespaces: 'none' });
    c.enumeration(d, 'dir', DIRS);
    c.xmlSpace(d, ['preserve']);
    const id = c.nmtoken(d, 'id');
    if (id !== undefined) {
      const first = ids.get(id);
      if (first) c.fail('data-id-unique', d, `data id "${id}" is already used in this unit by the <data> on line ${first.line}`);
      ids.set(id, d);
    }
    for (const k of kids(d)) {
      if (!c.isCore(k, 'cp')) c.fail('content-model', k, `<${k.name}> may not appear in <data> (only text and <cp>)`);
      else {
        c.attributes(k, ['hex'], { required: ['hex'], otherNamespaces: 'none' });
        const hex = getAttr(k, 'hex') ?? '';
        if (!/^([0-9A-Fa-f]{2})+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) c.fail('cp-hex', k, `hex="${hex}" is not a Unicode code point in hexBinary`);
      }
    }
  }
  return new Set(ids.keys());
}

/** `<source>`/`<target>`: attributes, and the explicit or inherited xml:lang against srcLang/trgLang. */
function checkSide(c: Checker, el: XmlElement, side: 'source' | 'target', langs: Langs, lang: LangStack, options: { reference?: boolean } = {}): void {
  c.attributes(el, side === 'target' && !options.reference ? ['xml:lang', 'xml:space', 'order'] : ['xml:lang', 'xml:space'], { otherNamespaces: 'none' });
  c.xmlSpace(el);
  const own = c.xmlLang(el);
  const effective = own ?? inherited(lang);
  if (side === 'target' && langs.trg === undefined) {
    c.fail('trgLang-required', el, 'the file has a <target> but <xliff> has no trgLang: say which language the translations are in');
    return;
  }
  const expected = side === 'source' ? langs.src : langs.trg!;
  if (effective !== undefined && !options.reference && !sameLanguage(effective, expected)) {
    c.fail(`${side}-xml-lang`, el, `xml:lang is "${effective}"${own === undefined ? ' (inherited)' : ''} but ${side === 'source' ? 'srcLang' : 'trgLang'} is "${expected}"`);
  }
}

/** Explicit and implicit target orders must be distinct positions of the unit. */
function checkOrder(c: Checker, targets: { el: XmlElement; position: number }[], n: number): void {
  const used = new Map<number, XmlElement>();
  for (const { el, position } of targets) {
    const raw = getAttr(el, 'order');
    let order = position;
    if (raw !== undefined) {
      if (!/^[1-9]\d*$/.test(raw.trim())) {
        c.fail('target-order', el, `order="${raw}" must be a positive integer`);
        continue;
      }
      order = Number(raw);
      if (order > n) {
        c.fail('target-order', el, `order="${raw}" is higher than the unit's ${n} segments and ignorables`);
        continue;
      }
    }
    const first = used.get(order);
    if (first) c.fail('target-order', el, `order ${order} is already taken by the <target> on line ${first.line}${raw === undefined ? ' (this target keeps its own position)' : ''}`);
    used.set(order, el);
  }
}

/** A translation candidate: its own original data and codes, its languages (free when it is a reference). */
function checkCandidate(c: Checker, match: XmlElement, langs: Langs, fileUnitIds: Set<string>, segmentIds: Map<string, XmlElement>, unit: XmlElement): void {
  const reference = getAttr(match, 'reference') === 'yes';
  const parts = kids(match);
  const data = parts.find((p) => c.isCore(p, 'originalData'));
  const dataIds = data ? checkOriginalData(c, data) : new Set<string>();
  const core = parts.filter((p) => c.isCore(p));
  const names = core.map((p) => p.local).join(',');
  if (!['source,target', 'originalData,source,target'].includes(names)) c.fail('content-model', match, `mtc:match holds an optional <originalData>, one <source> and one <target>, in that order (it holds ${names || 'nothing'})`);
  for (const p of parts) if (!c.isCore(p) && p.uri !== NS.mda && isXliffDefined(p.uri)) c.fail('module-content', p, `<${p.name}> may not appear in mtc:match`);
  const mda = parts.filter((p) => p.uri === NS.mda);
  if (mda.length > 1) c.fail('module-content', mda[1]!, 'mtc:match holds at most one mda:metadata');
  mda.forEach((m) => checkModuleElement(c, m, { resourceIds: new Set(), langs }));
  const inline = new InlineChecker(c, { unit: match, dataIds, noteIds: new Set(), fileUnitIds, segmentIds: new Map() });
  const source = core.find((p) => p.local === 'source');
  const target = core.find((p) => p.local === 'target');
  if (source) {
    checkSide(c, source, 'source', langs, [], { reference });
    inline.checkSource(source);
  }
  if (target) {
    checkSide(c, target, 'target', langs, [], { reference });
    inline.checkTarget(target);
  }
  inline.finish();
  const ref = getAttr(match, 'ref');
  if (ref !== undefined) checkSpanRef(c, match, ref, unit, segmentIds, 'mtc-ref');
}

/** A reference (of a translation candidate or a glossary entry) to a span of text of its own unit. */
export function checkSpanRef(c: Checker, el: XmlElement, ref: string, unit: XmlElement, segmentIds: Map<string, XmlElement>, rule: string): void {
  const f = parseFragment(ref);
  if (typeof f === 'string') return c.fail('fragment-identifier', el, `ref ${f}`);
  const unitId = getAttr(unit, 'id');
  const leaf = f.leaf;
  const inUnit = f.unit === undefined ? !f.absolute : f.unit === unitId;
  const found =
    leaf !== undefined &&
    inUnit &&
    ((leaf.prefix === '' && (segmentIds.has(leaf.id) || idInContent(c, unit, leaf.id, 'source'))) || (leaf.prefix === 't' && idInContent(c, unit, leaf.id, 'target')));
  if (!found) c.fail(rule, el, `ref="${ref}" must point to a segment or a span of text (a code or marker id, "t=" for the target) of this unit`);
}

function idInContent(c: Checker, unit: XmlElement, id: string, side: 'source' | 'target'): boolean {
  const stack = kids(unit).filter((k) => c.isCore(k, 'segment') || c.isCore(k, 'ignorable')).flatMap((p) => kids(p).filter((s) => c.isCore(s, side)));
  while (stack.length) {
    const el = stack.pop()!;
    for (const k of kids(el)) {
      if (getAttr(k, 'id') === id && c.isCore(k)) return true;
      stack.push(k);
    }
  }
  return false;
}
