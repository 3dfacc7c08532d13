import { langSchema } from '../schema';
import { XLIFF2_NS } from './inline';
import { MDA_NS } from './parse';
import { XLIFF2_STATES } from './states';
import { getAttr, parseXml, XML_NS, type XmlElement } from './xml';

/**
 * The XLIFF 2.0 core rules an exporter must keep, checked on a file's text (for tests: it is not a full XSD and
 * Schematron validator, but it covers the structure, the required and allowed attributes, their values, id
 * uniqueness and references of the core, and the Metadata module's shape). Returns one message per problem.
 */
export function checkXliff2Core(text: string): string[] {
  const problems: string[] = [];
  const fail = (el: XmlElement, msg: string) => problems.push(`<${el.name}> line ${el.line}: ${msg}`);
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    return [(e as Error).message];
  }
  const NMTOKEN = /^[\p{L}\p{N}._:-]+$/u;
  const USER_DEFINED = /^[^\s:]+:[^\s]+$/;

  /** Core attributes must be among `allowed`; attributes of other namespaces are always allowed. */
  const checkAttrs = (el: XmlElement, allowed: string[], required: string[] = []) => {
    for (const a of el.attrs) {
      if (a.uri === XML_NS) {
        if (!allowed.includes(`xml:${a.local}`)) fail(el, `xml:${a.local} is not allowed here`);
        if (a.local === 'space' && a.value !== 'default' && a.value !== 'preserve') fail(el, `xml:space="${a.value}"`);
      } else if (a.uri === '' && !allowed.includes(a.local)) fail(el, `attribute ${a.local} is not allowed`);
    }
    for (const r of required) if (getAttr(el, r) === undefined) fail(el, `attribute ${r} is required`);
  };
  const checkNmtoken = (el: XmlElement, name: string) => {
    const v = getAttr(el, name);
    if (v !== undefined && !NMTOKEN.test(v)) fail(el, `${name}="${v}" is not an NMTOKEN`);
  };
  const checkEnum = (el: XmlElement, name: string, values: readonly string[]) => {
    const v = getAttr(el, name);
    if (v !== undefined && !values.includes(v)) fail(el, `${name}="${v}" is not one of ${values.join('|')}`);
  };
  /** Only whitespace may sit between the elements of a structural element. */
  const noText = (el: XmlElement) => {
    if (el.children.some((c) => typeof c === 'string' && c.trim())) fail(el, 'holds text where only elements are allowed');
  };
  const coreChildren = (el: XmlElement) => el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.uri === XLIFF2_NS);

  if (root.uri !== XLIFF2_NS || root.local !== 'xliff') return [`root is {${root.uri}}${root.local}, not {${XLIFF2_NS}}xliff`];
  checkAttrs(root, ['version', 'srcLang', 'trgLang', 'xml:space'], ['version', 'srcLang']);
  if (getAttr(root, 'version') !== '2.0') fail(root, 'version must be "2.0"');
  for (const name of ['srcLang', 'trgLang']) {
    const v = getAttr(root, name);
    if (v !== undefined && !langSchema.safeParse(v).success) fail(root, `${name}="${v}" is not a language tag`);
  }
  const srcLang = getAttr(root, 'srcLang');
  const trgLang = getAttr(root, 'trgLang');
  noText(root);
  const files = coreChildren(root);
  if (!files.length) fail(root, 'needs at least one <file>');
  const fileIds = new Set<string>();
  let anyTarget = false;

  const checkMetadata = (el: XmlElement) => {
    for (const group of el.children.filter((c): c is XmlElement => typeof c !== 'string')) {
      if (group.uri !== MDA_NS || group.local !== 'metaGroup') {
        fail(group, 'mda:metadata may hold only mda:metaGroup');
        continue;
      }
      checkAttrs(group, ['id', 'category', 'appliesTo']);
      const items = group.children.filter((c): c is XmlElement => typeof c !== 'string');
      if (!items.length) fail(group, 'mda:metaGroup needs at least one mda:meta or mda:metaGroup');
      for (const item of items) {
        if (item.uri === MDA_NS && item.local === 'meta') {
          checkAttrs(item, ['type'], ['type']);
          if (item.children.some((c) => typeof c !== 'string')) fail(item, 'mda:meta holds text only');
        } else if (item.uri === MDA_NS && item.local === 'metaGroup') checkMetadata({ ...group, children: [item] });
        else fail(item, 'unexpected element in mda:metaGroup');
      }
    }
  };

  const checkNotes = (notes: XmlElement) => {
    checkAttrs(notes, []);
    noText(notes);
    const items = coreChildren(notes);
    if (!items.length) fail(notes, 'needs at least one <note>');
    const ids = new Set<string>();
    for (const note of items) {
      if (note.local !== 'note') fail(note, 'only <note> may be in <notes>');
      checkAttrs(note, ['id', 'appliesTo', 'category', 'priority']);
      checkNmtoken(note, 'id');
      checkEnum(note, 'appliesTo', ['source', 'target']);
      const priority = getAttr(note, 'priority');
      if (priority !== undefined && !/^([1-9]|10)$/.test(priority)) fail(note, `priority="${priority}"`);
      const id = getAttr(note, 'id');
      if (id !== undefined) {
        if (ids.has(id)) fail(note, `duplicate note id "${id}"`);
        ids.add(id);
      }
      if (note.children.some((c) => typeof c !== 'string')) fail(note, '<note> holds text only');
    }
  };

  const CODE_TYPES = ['fmt', 'ui', 'quote', 'link', 'image', 'other'];
  const checkInline = (side: XmlElement, dataIds: Set<string>, ids: Map<string, string>, open: Set<string>) => {
    for (const el of side.children) {
      if (typeof el === 'string') continue;
      if (el.uri !== XLIFF2_NS) {
        fail(el, 'only core inline elements may appear in content');
        continue;
      }
      const base = ['canCopy', 'canDelete', 'canReorder', 'copyOf', 'id', 'subType', 'type'];
      switch (el.local) {
        case 'cp':
          checkAttrs(el, ['hex'], ['hex']);
          break;
        case 'ph':
          checkAttrs(el, [...base, 'disp', 'equiv', 'dataRef', 'subFlows'], ['id']);
          break;
        case 'pc':
          checkAttrs(el, [...base, 'canOverlap', 'dispEnd', 'dispStart', 'equivEnd', 'equivStart', 'dataRefEnd', 'dataRefStart', 'subFlowsEnd', 'subFlowsStart', 'dir'], ['id']);
          break;
        case 'sc':
          checkAttrs(el, [...base, 'canOverlap', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'subFlows'], ['id']);
          break;
        case 'ec':
          checkAttrs(el, [...base, 'canOverlap', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'startRef', 'subFlows']);
          if (getAttr(el, 'isolated') === 'yes' ? getAttr(el, 'id') === undefined : getAttr(el, 'startRef') === undefined) {
            fail(el, '<ec> needs startRef, or id with isolated="yes"');
          }
          break;
        case 'mrk':
          checkAttrs(el, ['id', 'translate', 'type', 'ref', 'value'], ['id']);
          break;
        case 'sm':
          checkAttrs(el, ['id', 'translate', 'type', 'ref', 'value'], ['id']);
          break;
        case 'em':
          checkAttrs(el, ['startRef'], ['startRef']);
          break;
        default:
          fail(el, `<${el.local}> is not an inline element`);
          continue;
      }
      for (const name of ['id', 'dataRef', 'dataRefStart', 'dataRefEnd', 'startRef', 'copyOf']) checkNmtoken(el, name);
      for (const name of ['canCopy', 'canDelete', 'canOverlap', 'isolated']) checkEnum(el, name, ['yes', 'no']);
      if (el.local === 'mrk' || el.local === 'sm') {
        checkEnum(el, 'translate', ['yes', 'no']);
        const type = getAttr(el, 'type');
        if (type !== undefined && !['generic', 'comment', 'term'].includes(type) && !USER_DEFINED.test(type)) fail(el, `type="${type}"`);
      } else if (el.local !== 'cp' && el.local !== 'em') {
        checkEnum(el, 'type', CODE_TYPES);
        const subType = getAttr(el, 'subType');
        if (subType !== undefined) {
          if (getAttr(el, 'type') === undefined) fail(el, 'subType needs type');
          if (!USER_DEFINED.test(subType)) fail(el, `subType="${subType}" is not prefix:value`);
          if (subType.startsWith('xlf:') && getAttr(el, 'type') !== 'fmt' && getAttr(el, 'type') !== 'ui') fail(el, `subType ${subType} with type ${getAttr(el, 'type')}`);
        }
      }
      for (const ref of ['dataRef', 'dataRefStart', 'dataRefEnd']) {
        const v = getAttr(el, ref);
        if (v !== undefined && !dataIds.has(v)) fail(el, `${ref}="${v}" names no <data>`);
      }
      const id = getAttr(el, 'id');
      if (id !== undefined) {
        if (ids.has(id)) fail(el, `duplicate inline id "${id}"`);
        ids.set(id, el.local);
      }
      if (el.local === 'sc' && getAttr(el, 'isolated') !== 'yes') open.add(id!);
      if (el.local === 'ec' && getAttr(el, 'isolated') !== 'yes') {
        const start = getAttr(el, 'startRef')!;
        if (!open.has(start)) fail(el, `startRef="${start}" names no earlier <sc>`);
        open.delete(start);
      }
      if (el.local === 'pc' || el.local === 'mrk') checkInline(el, dataIds, ids, open);
      else if (el.children.length) fail(el, `<${el.local}> must be empty`);
    }
  };

  const checkUnit = (unit: XmlElement, unitIds: Set<string>) => {
    checkAttrs(unit, ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'xml:space', 'type'], ['id']);
    checkNmtoken(unit, 'id');
    for (const d of ['srcDir', 'trgDir']) checkEnum(unit, d, ['ltr', 'rtl', 'auto']);
    const id = getAttr(unit, 'id');
    if (id !== undefined) {
      if (unitIds.has(id)) fail(unit, `duplicate unit id "${id}"`);
      unitIds.add(id);
    }
    noText(unit);
    // Order: module elements, notes?, originalData?, (segment | ignorable)+
    const order = ['#other', 'notes', 'originalData', 'segment'];
    let at = 0;
    let segments = 0;
    const dataIds = new Set<string>();
    for (const child of unit.children) {
      if (typeof child === 'string') continue;
      const key = child.uri !== XLIFF2_NS ? '#other' : child.local === 'ignorable' ? 'segment' : child.local;
      const pos = order.indexOf(key);
      if (pos < 0) {
        fail(child, 'not allowed in <unit>');
        continue;
      }
      if (pos < at) fail(child, `out of order in <unit> (after ${order[at]})`);
      at = Math.max(at, pos);
      if (key === 'notes' && unit.children.filter((c) => typeof c !== 'string' && c.uri === XLIFF2_NS && c.local === 'notes').length > 1) fail(child, 'only one <notes>');
      if (child.uri === MDA_NS && child.local === 'metadata') checkMetadata(child);
      if (key === 'notes') checkNotes(child);
      if (key === 'originalData') {
        const datas = coreChildren(child);
        if (!datas.length) fail(child, 'needs at least one <data>');
        for (const d of datas) {
          checkAttrs(d, ['id', 'dir', 'xml:space'], ['id']);
          const dataId = getAttr(d, 'id');
          if (dataId !== undefined) {
            if (dataIds.has(dataId)) fail(d, `duplicate data id "${dataId}"`);
            dataIds.add(dataId);
          }
        }
      }
    }
    const sourceIds = new Map<string, string>();
    for (const seg of coreChildren(unit).filter((c) => c.local === 'segment' || c.local === 'ignorable')) {
      if (seg.local === 'segment') {
        segments++;
        checkAttrs(seg, ['id', 'canResegment', 'state', 'subState']);
        checkEnum(seg, 'state', XLIFF2_STATES);
        const subState = getAttr(seg, 'subState');
        if (subState !== undefined) {
          if (getAttr(seg, 'state') === undefined) fail(seg, 'subState needs state');
          if (!USER_DEFINED.test(subState)) fail(seg, `subState="${subState}" is not prefix:value`);
        }
      } else checkAttrs(seg, ['id']);
      noText(seg);
      const parts = coreChildren(seg);
      const names = parts.map((p) => p.local).join(',');
      if (names !== 'source' && names !== 'source,target') fail(seg, `must hold <source> then an optional <target>, holds ${names}`);
      for (const part of parts) {
        checkAttrs(part, part.local === 'target' ? ['xml:lang', 'xml:space', 'order'] : ['xml:lang', 'xml:space']);
        const lang = getAttr(part, 'lang', XML_NS);
        const expected = part.local === 'source' ? srcLang : trgLang;
        if (lang !== undefined && lang !== expected) fail(part, `xml:lang="${lang}" differs from ${part.local === 'source' ? 'srcLang' : 'trgLang'}`);
        if (part.local === 'target') anyTarget = true;
        const ids = part.local === 'source' ? sourceIds : new Map<string, string>();
        const open = new Set<string>();
        checkInline(part, dataIds, ids, open);
        if (open.size) fail(part, `<sc> without <ec>: ${[...open].join(', ')}`);
        if (part.local === 'target') {
          for (const [tid, kind] of ids) {
            const sourceKind = sourceIds.get(tid);
            if (sourceKind !== undefined && sourceKind !== kind) fail(part, `code "${tid}" is <${kind}> in the target but <${sourceKind}> in the source`);
          }
        }
      }
    }
    if (!segments) fail(unit, 'needs at least one <segment>');
  };

  const checkGroupOrFile = (el: XmlElement, unitIds: Set<string>) => {
    noText(el);
    const order = ['skeleton', '#other', 'notes', 'unit'];
    let at = 0;
    let units = 0;
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      const key = child.uri !== XLIFF2_NS ? '#other' : child.local === 'group' ? 'unit' : child.local;
      const pos = order.indexOf(key);
      if (pos < 0 || (key === 'skeleton' && el.local !== 'file')) {
        fail(child, `not allowed in <${el.local}>`);
        continue;
      }
      if (pos < at) fail(child, `out of order in <${el.local}>`);
      at = Math.max(at, pos);
      if (child.uri === MDA_NS && child.local === 'metadata') checkMetadata(child);
      if (key === 'notes') checkNotes(child);
      if (child.uri === XLIFF2_NS && child.local === 'unit') {
        units++;
        checkUnit(child, unitIds);
      }
      if (child.uri === XLIFF2_NS && child.local === 'group') {
        units++;
        checkAttrs(child, ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'type', 'xml:space'], ['id']);
        checkGroupOrFile(child, unitIds);
      }
    }
    if (el.local === 'file' && !units) fail(el, 'needs at least one <unit> or <group>');
  };

  for (const file of files) {
    if (file.local !== 'file') {
      fail(file, 'only <file> may be in <xliff>');
      continue;
    }
    checkAttrs(file, ['id', 'canResegment', 'original', 'translate', 'srcDir', 'trgDir', 'xml:space'], ['id']);
    checkNmtoken(file, 'id');
    for (const d of ['srcDir', 'trgDir']) checkEnum(file, d, ['ltr', 'rtl', 'auto']);
    const id = getAttr(file, 'id');
    if (id !== undefined) {
      if (fileIds.has(id)) fail(file, `duplicate file id "${id}"`);
      fileIds.add(id);
    }
    checkGroupOrFile(file, new Set());
  }
  if (anyTarget && trgLang === undefined) fail(root, 'trgLang is required when there is a <target>');
  return problems;
}
