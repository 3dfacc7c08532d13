import { getAttr, type XmlElement } from '../../xml';
import { Checker, DIRS, isNmtoken, YES_NO } from './context';
import { parseFragment } from './fragment';
import { checkModuleAttributes } from './modules';

/**
 * Inline content of one unit (or one translation candidate): the attributes of every code and marker, id
 * uniqueness and the source/target correspondence of ids, original data references, sc/ec and sm/em pairing
 * (across the unit's segments), isolation, overlap, editing hints (canCopy, canDelete, canReorder and its
 * non-reorderable sequences), copyOf, sub-flows and comment references.
 */

const CODE_TYPES = ['fmt', 'ui', 'quote', 'link', 'image', 'other'];
const XLF_SUBTYPES: Record<string, string> = { 'xlf:lb': 'fmt', 'xlf:pb': 'fmt', 'xlf:b': 'fmt', 'xlf:i': 'fmt', 'xlf:u': 'fmt', 'xlf:var': 'ui' };
const BASE = ['canCopy', 'canDelete', 'canReorder', 'copyOf', 'id', 'subType', 'type'];
const CODE_ATTRS: Record<string, string[]> = {
  ph: [...BASE, 'disp', 'equiv', 'dataRef', 'subFlows'],
  pc: [...BASE, 'canOverlap', 'dispEnd', 'dispStart', 'equivEnd', 'equivStart', 'dataRefEnd', 'dataRefStart', 'subFlowsEnd', 'subFlowsStart', 'dir'],
  sc: [...BASE, 'canOverlap', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'subFlows'],
  ec: [...BASE, 'canOverlap', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'startRef', 'subFlows'],
};
const MARKER_ATTRS = ['id', 'translate', 'type', 'ref', 'value'];

/** Attributes a code keeps between the source and the translation (with their defaults). */
const SHARED: [string, string][] = [['canCopy', 'yes'], ['canDelete', 'yes'], ['canReorder', 'yes'], ['copyOf', ''], ['type', '']];
const CORRESPONDING: Record<string, [string, string][]> = {
  ph: [...SHARED, ['dataRef', ''], ['subFlows', '']],
  pc: [...SHARED, ['canOverlap', 'no'], ['dataRefStart', ''], ['dataRefEnd', ''], ['subFlowsStart', ''], ['subFlowsEnd', '']],
  sc: [...SHARED, ['canOverlap', 'yes'], ['dataRef', ''], ['subFlows', ''], ['isolated', 'no']],
  ec: [...SHARED, ['canOverlap', 'yes'], ['dataRef', ''], ['subFlows', ''], ['isolated', 'no']],
};

/** What the unit around the content offers to references. */
export interface UnitScope {
  unit: XmlElement;
  /** `<data>` ids of the unit's (or candidate's) original data. */
  dataIds: Set<string>;
  /** Note ids of the unit, for comment annotations. */
  noteIds: Set<string>;
  /** Unit ids of the enclosing file, for sub-flows. */
  fileUnitIds: Set<string>;
  /** Ids of the unit's segments and ignorables (they share the scope of source codes). */
  segmentIds: Map<string, XmlElement>;
}

interface Span {
  kind: 'pc' | 'sc';
  id: string;
  canOverlap: boolean;
  el: XmlElement;
}

/** Start codes and markers of one side (all sources, or all targets) of a unit. */
class Side {
  readonly open: Span[] = [];
  readonly sc = new Map<string, { el: XmlElement; closed: boolean }>();
  readonly isolatedEc: XmlElement[] = [];
  readonly sm = new Set<string>();
  /** Ids of codes and markers on this side, with their element name. */
  readonly ids = new Map<string, XmlElement>();
  /** Ids used more than once within one target (by different segments' targets too). */
  constructor(readonly name: 'source' | 'target') {}
}

const yes = (el: XmlElement, name: string, dflt: string) => getAttr(el, name) ?? dflt;

export class InlineChecker {
  private readonly source = new Side('source');
  private readonly target = new Side('target');
  private readonly copyOfs: XmlElement[] = [];
  /** Source codes that may not be deleted, by id. */
  private readonly mustKeep = new Map<string, XmlElement>();
  private readonly targetCodeIds = new Set<string>();
  private anyTarget = false;
  private reorder: 'none' | 'seq' = 'none';

  constructor(
    private readonly c: Checker,
    private readonly scope: UnitScope,
  ) {}

  /** Checks one `<source>` (in document order: every source before the targets is not required). */
  checkSource(el: XmlElement): void {
    this.reorder = 'none';
    this.walk(el, this.source);
  }

  checkTarget(el: XmlElement): void {
    this.reorder = 'none';
    this.anyTarget = true;
    this.walk(el, this.target);
  }

  /** Checks what can only be known once the whole unit was read. */
  finish(): void {
    for (const side of [this.source, this.target]) {
      for (const [id, sc] of side.sc) {
        if (!sc.closed && getAttr(sc.el, 'isolated') !== 'yes') {
          this.c.fail('sc-ec-pairing', sc.el, `<sc id="${id}"> has no <ec startRef="${id}"> in the same unit's ${side.name}: mark it isolated="yes" if its end is in another unit`);
        }
      }
      for (const ec of side.isolatedEc) {
        const id = getAttr(ec, 'id')!;
        if (side.sc.has(id)) this.c.fail('ec-isolated', ec, `<ec id="${id}"> is isolated="yes" but its <sc> is in the same unit: use startRef="${id}" without isolated`);
      }
    }
    for (const el of this.copyOfs) {
      const base = getAttr(el, 'copyOf')!;
      const found = this.source.ids.get(base) ?? this.target.ids.get(base);
      if (!found) this.c.fail('copyOf-reference', el, `copyOf="${base}" names no code of this unit`);
      else if (yes(found, 'canCopy', 'yes') === 'no') this.c.fail('canCopy', el, `copyOf="${base}" copies a code marked canCopy="no"`);
    }
    if (this.anyTarget) {
      for (const [id, el] of this.mustKeep) {
        if (!this.targetCodeIds.has(id)) this.c.fail('canDelete', el, `code "${id}" is marked canDelete="no" but is missing from the translation`);
      }
    }
  }

  private walk(parent: XmlElement, side: Side): void {
    for (const child of parent.children) {
      if (typeof child === 'string') continue;
      if (!this.c.isCore(child)) {
        this.c.fail('content-model', child, `<${child.name}> may not appear in inline content (only cp, ph, pc, sc, ec, mrk, sm, em)`);
        continue;
      }
      switch (child.local) {
        case 'cp':
          this.cp(child);
          break;
        case 'ph':
        case 'sc':
        case 'ec':
          this.code(child, side);
          this.c.empty(child);
          break;
        case 'pc':
          this.code(child, side);
          side.open.push({ kind: 'pc', id: getAttr(child, 'id') ?? '', canOverlap: yes(child, 'canOverlap', 'no') === 'yes', el: child });
          this.walk(child, side);
          this.closeSpan(side, side.open.findIndex((s) => s.el === child), child);
          break;
        case 'mrk':
          this.marker(child, side);
          this.walk(child, side);
          break;
        case 'sm':
          this.marker(child, side);
          this.c.empty(child);
          break;
        case 'em': {
          this.c.attributes(child, ['startRef'], { required: ['startRef'], otherNamespaces: 'none' });
          this.c.empty(child);
          const ref = getAttr(child, 'startRef');
          if (ref !== undefined && !side.sm.has(ref)) this.c.fail('sm-em-pairing', child, `startRef="${ref}" names no earlier <sm> in this unit's ${side.name}`);
          break;
        }
        default:
          this.c.fail('content-model', child, `<${child.local}> is not an inline element`);
      }
    }
  }

  private cp(el: XmlElement): void {
    this.c.attributes(el, ['hex'], { required: ['hex'], otherNamespaces: 'none' });
    this.c.empty(el);
    const hex = getAttr(el, 'hex');
    if (hex === undefined) return;
    if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) {
      this.c.fail('cp-hex', el, `hex="${hex}" is not hexBinary (two hex digits an octet, e.g. "0003")`);
      return;
    }
    const cp = parseInt(hex, 16);
    if (hex.length > 8 || cp > 0x10ffff) this.c.fail('cp-hex', el, `hex="${hex}" is beyond the last Unicode code point 10FFFF`);
    else if (isValidXmlChar(cp)) this.c.fail('cp-valid-char', el, `hex="${hex}" is a character XML can hold: write it as text, <cp> is only for characters invalid in XML`);
  }

  private registerId(el: XmlElement, side: Side, id: string): void {
    if (side.name === 'source') {
      const clash = side.ids.get(id) ?? this.scope.segmentIds.get(id);
      if (clash) this.c.fail('inline-id-unique', el, `id "${id}" is already used in this unit by <${clash.name}> on line ${clash.line}`);
      side.ids.set(id, el);
      return;
    }
    const inTarget = side.ids.get(id);
    if (inTarget) this.c.fail('inline-id-unique', el, `id "${id}" is already used in this unit's translations by <${inTarget.name}> on line ${inTarget.line}`);
    side.ids.set(id, el);
    this.targetCodeIds.add(id);
    const inSource = this.source.ids.get(id);
    const segment = this.scope.segmentIds.get(id);
    if (segment) this.c.fail('inline-id-unique', el, `id "${id}" is the id of <${segment.name}> on line ${segment.line}`);
    else if (inSource && inSource.local !== el.local) {
      this.c.fail('inline-id-correspondence', el, `id "${id}" belongs to a <${inSource.local}> in the source (line ${inSource.line}); a <${el.local}> in the target must use its own id`);
    } else if (inSource) {
      // The same code in the translation: the same original data, sub-flows, type and editing hints.
      for (const [name, dflt] of CORRESPONDING[el.local] ?? []) {
        const a = getAttr(el, name) ?? dflt;
        const b = getAttr(inSource, name) ?? dflt;
        if (a !== b) this.c.fail('inline-code-correspondence', el, `${name} of <${el.local} id="${id}"> is "${a}" in the target but "${b}" in the source (line ${inSource.line}): it is the same code`);
      }
    }
  }

  private code(el: XmlElement, side: Side): void {
    const kind = el.local as 'ph' | 'pc' | 'sc' | 'ec';
    this.c.attributes(el, CODE_ATTRS[kind]!, { required: kind === 'ec' ? [] : ['id'], otherNamespaces: 'modules' });
    checkModuleAttributes(this.c, el);
    const id = this.c.nmtoken(el, 'id');
    for (const name of ['copyOf', 'dataRef', 'dataRefStart', 'dataRefEnd', 'startRef']) this.c.nmtoken(el, name);
    for (const name of ['canCopy', 'canDelete', 'canOverlap', 'isolated']) this.c.enumeration(el, name, YES_NO);
    const canReorder = this.c.enumeration(el, 'canReorder', ['yes', 'firstNo', 'no']) ?? 'yes';
    this.c.enumeration(el, 'dir', DIRS);
    const type = this.c.enumeration(el, 'type', CODE_TYPES);
    const subType = this.c.userDefined(el, 'subType', Object.keys(XLF_SUBTYPES));
    if (subType !== undefined) {
      if (type === undefined) this.c.fail('subType-type', el, `subType="${subType}" needs a type`);
      else if (XLF_SUBTYPES[subType] && XLF_SUBTYPES[subType] !== type) this.c.fail('subType-type', el, `subType="${subType}" requires type="${XLF_SUBTYPES[subType]}", not "${type}"`);
    }
    // Editing hints: a code that may not move may not be copied or deleted either.
    if (canReorder !== 'yes' && (yes(el, 'canCopy', 'yes') !== 'no' || yes(el, 'canDelete', 'yes') !== 'no')) {
      this.c.fail('canReorder-hints', el, `canReorder="${canReorder}" requires canCopy="no" and canDelete="no"`);
    }
    if (canReorder === 'no' && this.reorder !== 'seq') {
      this.c.fail('canReorder-sequence', el, 'canReorder="no" must follow a code with canReorder="firstNo" (a non-reorderable sequence starts with firstNo)');
    }
    this.reorder = canReorder === 'yes' ? 'none' : 'seq';
    // Original data and copies.
    const refs = kind === 'pc' ? ['dataRefStart', 'dataRefEnd'] : ['dataRef'];
    for (const name of refs) {
      const ref = getAttr(el, name);
      if (ref !== undefined && !this.scope.dataIds.has(ref)) this.c.fail('dataRef-reference', el, `${name}="${ref}" names no <data> in this unit's <originalData>`);
    }
    if (getAttr(el, 'copyOf') !== undefined) {
      if (refs.some((r) => getAttr(el, r) !== undefined)) this.c.fail('copyOf-dataRef', el, `copyOf may be used only when the code has no original data (not with ${refs.join('/')})`);
      this.copyOfs.push(el);
    }
    for (const name of kind === 'pc' ? ['subFlowsStart', 'subFlowsEnd'] : ['subFlows']) {
      const list = getAttr(el, name);
      if (list === undefined) continue;
      const ids = list.trim().split(/\s+/);
      if (!list.trim()) this.c.fail('subFlows', el, `${name} is empty`);
      for (const u of ids) {
        if (u && !isNmtoken(u)) this.c.fail('subFlows', el, `${name}: "${u}" is not an NMTOKEN`);
        else if (u && !this.scope.fileUnitIds.has(u)) this.c.fail('subFlows', el, `${name}: no <unit id="${u}"> in this <file> holds the sub-flow`);
      }
    }
    if (side.name === 'source' && yes(el, 'canDelete', 'yes') === 'no') {
      const key = kind === 'ec' ? (getAttr(el, 'id') ?? `ec:${getAttr(el, 'startRef')}`) : id;
      if (key !== undefined && kind !== 'ec') this.mustKeep.set(key, el);
    }
    if (kind === 'ec') {
      this.ec(el, side);
      return;
    }
    if (id !== undefined) this.registerId(el, side, id);
    if (kind === 'sc') {
      if (id !== undefined) side.sc.set(id, { el, closed: false });
      side.open.push({ kind: 'sc', id: id ?? '', canOverlap: yes(el, 'canOverlap', 'yes') === 'yes', el });
    }
  }

  private ec(el: XmlElement, side: Side): void {
    const isolated = getAttr(el, 'isolated') === 'yes';
    const id = getAttr(el, 'id');
    const startRef = getAttr(el, 'startRef');
    if (isolated) {
      if (id === undefined) this.c.fail('ec-isolated', el, 'an isolated <ec> (isolated="yes") needs an id');
      if (startRef !== undefined) this.c.fail('ec-isolated', el, 'an isolated <ec> (isolated="yes") uses id, not startRef');
      if (id !== undefined) {
        this.registerId(el, side, id);
        side.isolatedEc.push(el);
      }
      return;
    }
    if (id !== undefined) this.c.fail('ec-isolated', el, `<ec> has id="${id}" but is not isolated: an <ec> names its <sc> with startRef (or is isolated="yes" with an id)`);
    if (getAttr(el, 'dir') !== undefined) this.c.fail('ec-dir', el, 'dir may be used on an <ec> only when it is isolated="yes"');
    if (startRef === undefined) {
      this.c.fail('ec-startRef', el, 'an <ec> that is not isolated needs startRef naming its <sc>');
      return;
    }
    if (side.name === 'target') this.targetCodeIds.add(`ec:${startRef}`);
    const sc = side.sc.get(startRef);
    if (!sc || sc.closed) {
      this.c.fail('sc-ec-pairing', el, `startRef="${startRef}" names no open <sc> earlier in this unit's ${side.name}`);
      return;
    }
    sc.closed = true;
    if (getAttr(sc.el, 'isolated') === 'yes') this.c.fail('ec-isolated', sc.el, `<sc id="${startRef}"> is isolated="yes" but its <ec> is in the same unit (line ${el.line})`);
    for (const [name, dflt] of [['canCopy', 'yes'], ['canDelete', 'yes'], ['canOverlap', 'yes']] as const) {
      if (yes(el, name, dflt) !== yes(sc.el, name, dflt)) this.c.fail('sc-ec-attributes', el, `${name} of <ec> ("${yes(el, name, dflt)}") differs from its <sc>'s ("${yes(sc.el, name, dflt)}")`);
    }
    const scReorder = yes(sc.el, 'canReorder', 'yes');
    const ecReorder = yes(el, 'canReorder', 'yes');
    if ((scReorder === 'firstNo' && ecReorder !== 'no') || (scReorder !== 'firstNo' && ecReorder !== scReorder)) {
      this.c.fail('sc-ec-attributes', el, `canReorder of <ec> ("${ecReorder}") must be ${scReorder === 'firstNo' ? '"no"' : `"${scReorder}"`} to match its <sc>`);
    }
    this.closeSpan(side, side.open.findIndex((s) => s.kind === 'sc' && s.el === sc.el), el);
  }

  /** Closes span `index`: spans opened after it and still open now overlap it, which both must allow. */
  private closeSpan(side: Side, index: number, closer: XmlElement): void {
    if (index < 0) return;
    const span = side.open[index]!;
    for (const inner of side.open.slice(index + 1)) {
      if (!span.canOverlap || !inner.canOverlap) {
        const which = !span.canOverlap ? span : inner;
        this.c.fail('canOverlap', closer, `<${span.kind} id="${span.id}"> and <${inner.kind} id="${inner.id}"> overlap, but <${which.kind} id="${which.id}"> has canOverlap="no"`);
      }
    }
    side.open.splice(index, 1);
  }

  private marker(el: XmlElement, side: Side): void {
    this.c.attributes(el, MARKER_ATTRS, { required: ['id'], otherNamespaces: 'any' });
    checkModuleAttributes(this.c, el);
    const id = this.c.nmtoken(el, 'id');
    const translate = this.c.enumeration(el, 'translate', YES_NO);
    const type = getAttr(el, 'type') ?? 'generic';
    if (!['generic', 'comment', 'term'].includes(type)) this.c.userDefined(el, 'type');
    if (id !== undefined) {
      this.registerId(el, side, id);
      if (el.local === 'sm') side.sm.add(id);
    }
    const ref = getAttr(el, 'ref');
    const value = getAttr(el, 'value');
    if (type === 'generic' && translate === undefined) this.c.fail('mrk-translate', el, 'a generic annotation (translate annotation) needs translate="yes" or "no"');
    if (type === 'comment') {
      if (value === undefined && ref === undefined) this.c.fail('mrk-comment', el, 'a comment annotation needs value (the comment) or ref (a <note> of this unit)');
      if (value !== undefined && ref !== undefined) this.c.fail('mrk-comment', el, 'a comment annotation has value or ref, not both');
      if (ref !== undefined && value === undefined) {
        const f = parseFragment(ref);
        if (typeof f === 'string') this.c.fail('fragment-identifier', el, `ref ${f}`);
        else if (f.leaf?.prefix !== 'n' || (f.unit !== undefined && f.unit !== getAttr(this.scope.unit, 'id')) || !this.scope.noteIds.has(f.leaf.id)) {
          this.c.fail('mrk-comment', el, `ref="${ref}" must point to a <note> of this unit (e.g. "#n=${[...this.scope.noteIds][0] ?? 'n1'}")`);
        }
      }
    }
  }
}

/** Characters XML 1.0 can hold (which must therefore never be written as <cp>). */
function isValidXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}
