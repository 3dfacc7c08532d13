import { ModelError } from '../errors';
import type { GlossaryEntry } from '../glossary';
import { escapeAttr, escapeText } from '../xliff/xml';
import { childElements, getAttr, readTbxXml, textContent, XML_NS, type XmlElement } from './xml';
import { MAX_GLOSSARY_IMPORT_ENTRIES, squeeze, type GlossaryRecord, type ParsedGlossaryFile, type SkippedRecord } from './records';

/**
 * TBX (TermBase eXchange, ISO 30042): the glossary as TBX-Basic in the 2019 core structure (`<tbx>`, one
 * `<conceptEntry>` per entry, a `<langSec>` per language holding a `<termSec>` with its `<term>`, the note as a
 * `<note>` of the entry), and import of that form and of the older `<martif>` one (`<termEntry>`, `<langSet>`,
 * `<tig>` or `<ntig>`/`<termGrp>`). Elements are found by local name, so any namespace (or none) is read.
 */

export const TBX_NS = 'urn:iso:std:iso:30042:ed-2';

/** The glossary as a TBX-Basic file (DCA style), Arabic terms and English renderings. */
export function exportTbx(entries: readonly GlossaryEntry[], options: { sourceLang?: string; targetLang?: string } = {}): string {
  const src = options.sourceLang ?? 'ar';
  const trg = options.targetLang ?? 'en';
  const concept = (e: GlossaryEntry) =>
    `      <conceptEntry id="${escapeAttr(`c-${e.id}`)}">\n` +
    (e.note ? `        <note>${escapeText(e.note)}</note>\n` : '') +
    `        <langSec xml:lang="${escapeAttr(src)}">\n          <termSec>\n            <term>${escapeText(e.term)}</term>\n          </termSec>\n        </langSec>\n` +
    `        <langSec xml:lang="${escapeAttr(trg)}">\n          <termSec>\n            <term>${escapeText(e.rendering)}</term>\n          </termSec>\n        </langSec>\n` +
    `      </conceptEntry>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="${TBX_NS}">\n` +
    `  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Glossary exported by the bilingual editor</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n` +
    `  <text>\n    <body>\n${entries.map(concept).join('')}    </body>\n  </text>\n</tbx>\n`
  );
}

function tbxError(problem: string): ModelError {
  return new ModelError('invalid', `TBX: ${problem}`);
}

const byLocal = (el: XmlElement, ...names: string[]) => childElements(el).filter((c) => names.includes(c.local));

/** The primary language subtag, lower-cased ("AR-eg" → "ar"). */
function primary(tag: string | undefined): string | undefined {
  return tag?.split(/[-_]/)[0]!.toLowerCase();
}

/** The first term of a language section, in any of TBX's containers. */
function firstTerm(langSec: XmlElement): string | undefined {
  for (const holder of byLocal(langSec, 'termSec', 'tig', 'ntig')) {
    const direct = byLocal(holder, 'term')[0] ?? byLocal(holder, 'termGrp').flatMap((g) => byLocal(g, 'term'))[0];
    const text = direct && squeeze(textContent(direct));
    if (text) return text;
  }
  return undefined;
}

/** The entry's note: a `<note>` of the entry, else of a language or term section, else a definition. */
function findNote(entry: XmlElement, langSecs: XmlElement[]): string | undefined {
  const candidates = [
    ...byLocal(entry, 'note'),
    ...langSecs.flatMap((l) => [...byLocal(l, 'note'), ...byLocal(l, 'termSec', 'tig', 'ntig').flatMap((t) => byLocal(t, 'note'))]),
    ...byLocal(entry, 'descrip').filter((d) => getAttr(d, 'type') === 'definition'),
  ];
  for (const c of candidates) {
    const text = squeeze(textContent(c));
    if (text) return text;
  }
  return undefined;
}

/**
 * Reads a TBX file's Arabic → English pairs (the language pair can be changed). XML that is not well-formed, another
 * root than `<tbx>` or `<martif>`, no `<body>`, no entries at all, or more than MAX_GLOSSARY_IMPORT_ENTRIES are
 * refused with a message naming the element and line; entries without both languages are left out and reported.
 */
export function parseTbx(xml: string, options: { sourceLang?: string; targetLang?: string } = {}): ParsedGlossaryFile {
  const src = primary(options.sourceLang ?? 'ar')!;
  const trg = primary(options.targetLang ?? 'en')!;
  const root = readTbxXml(xml);
  if (root.local !== 'tbx' && root.local !== 'martif') {
    throw tbxError(`the root element is <${root.name}> on line ${root.line}; a TBX file starts with <tbx> (or <martif> in TBX 2008)`);
  }
  const text = byLocal(root, 'text')[0];
  const body = text && byLocal(text, 'body')[0];
  if (!body) throw tbxError(`<${root.name}> on line ${root.line} has no <text><body> holding the entries`);
  const entries = byLocal(body, 'conceptEntry', 'termEntry');
  if (!entries.length) throw tbxError(`<body> on line ${body.line} holds no <conceptEntry> (or <termEntry>)`);
  if (entries.length > MAX_GLOSSARY_IMPORT_ENTRIES) {
    throw new ModelError('too-large', `TBX: the file holds ${entries.length} entries; at most ${MAX_GLOSSARY_IMPORT_ENTRIES} can be imported at once`);
  }
  const records: GlossaryRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for (const entry of entries) {
    const at = `line ${entry.line}`;
    const langSecs = byLocal(entry, 'langSec', 'langSet');
    const termIn = (lang: string) => {
      for (const l of langSecs) if (primary(getAttr(l, 'lang', XML_NS) ?? getAttr(l, 'lang')) === lang) {
        const t = firstTerm(l);
        if (t) return t;
      }
      return undefined;
    };
    const term = termIn(src);
    const rendering = termIn(trg);
    if (!term || !rendering) {
      const missing = [!term && `"${src}"`, !rendering && `"${trg}"`].filter(Boolean).join(' or ');
      skipped.push({ at, reason: 'missing-language', message: `<${entry.name}> on ${at} has no term in ${missing}` });
      continue;
    }
    const note = findNote(entry, langSecs);
    records.push({ at, term, rendering, ...(note && { note }) });
  }
  return { records, skipped };
}
