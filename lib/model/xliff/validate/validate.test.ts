import { describe, expect, it } from 'vitest';
import { readXml } from '../../xml';
import { parseXliff } from '../parse';
import { validateXliff2 } from '.';

/**
 * One test per constraint: each file below is what a real tool writes (Okapi-style units, notes, original data,
 * modules), broken in one place, and must be refused with that rule named. The valid files must pass untouched.
 */

const HEAD = (langs = 'srcLang="en" trgLang="fr"', extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0" xmlns:ctr="urn:oasis:names:tc:xliff:changetracking:2.0" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" xmlns:val="urn:oasis:names:tc:xliff:validation:2.0" xmlns:res="urn:oasis:names:tc:xliff:resourcedata:2.0" version="2.0" ${langs}${extra}>\n`;
const file = (body: string, langs?: string) => `${HEAD(langs)}<file id="f1" original="help.html">\n${body}\n</file>\n</xliff>`;
const unit = (inner: string, attrs = '') => file(`<unit id="u1"${attrs}>\n${inner}\n</unit>`);
const seg = (source: string, target?: string, attrs = '') => unit(`<segment${attrs}><source>${source}</source>${target === undefined ? '' : `<target>${target}</target>`}</segment>`);

function rules(text: string): string[] {
  const root = readXml(text, { label: 'XLIFF' });
  return validateXliff2(root, root.attrs.find((a) => a.local === 'version')!.value).map((p) => p.rule);
}

const VALID = file(`<mda:metadata><mda:metaGroup category="document"><mda:meta type="title">Help</mda:meta></mda:metaGroup></mda:metadata>
<notes><note id="n1" category="instruction" priority="2">Keep the product names.</note></notes>
<group id="g1" name="body" type="okp:block">
<unit id="u1" name="p1" srcDir="ltr" trgDir="ltr">
  <mtc:matches><mtc:match ref="#s1" matchQuality="96.5" type="tm" origin="memory"><source>Press <pc id="1">Stop</pc>.</source><target>Appuyez sur <pc id="1">Arrêt</pc>.</target></mtc:match></mtc:matches>
  <gls:glossary><gls:glossEntry ref="#m1"><gls:term source="okapi">Stop</gls:term><gls:translation id="t1">Arrêt</gls:translation></gls:glossEntry></gls:glossary>
  <notes><note id="n1" appliesTo="target">Check the button name.</note></notes>
  <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData>
  <segment id="s1" state="translated" subState="okp:mt-edited"><source xml:lang="en">Press <pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b" fs:fs="b"><mrk id="m1" type="term" ref="http://example.com/stop">Stop</mrk></pc>.<ph id="2" dataRef="d3" canCopy="no" canDelete="no" canReorder="firstNo"/><ph id="3" canCopy="no" canDelete="no" canReorder="no"/></source><target xml:lang="fr">Appuyez sur <pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b">Arrêt</pc>.<ph id="2" dataRef="d3" canCopy="no" canDelete="no" canReorder="firstNo"/><ph id="3" canCopy="no" canDelete="no" canReorder="no"/></target></segment>
  <ignorable><source> </source></ignorable>
  <segment id="s2"><source><sc id="4" type="fmt" subType="xlf:i"/>One <mrk id="m2" type="comment" ref="#n=n1">two</mrk> <sm id="m3" translate="no"/>three</source></segment>
  <segment id="s3"><source>four<em startRef="m3"/><ec startRef="4" type="fmt" subType="xlf:i"/> <cp hex="0003"/></source></segment>
</unit>
<unit id="u2"><segment><source>Caption <ph id="1" subFlows="u3"/></source><target order="1">Légende <ph id="1" subFlows="u3"/></target></segment></unit>
<unit id="u3" translate="yes"><segment><source>Start</source></segment></unit>
</group>`);

describe('validateXliff2 accepts what the specification allows', () => {
  it('a file with modules, matches, a glossary, codes, annotations, sub-flows and segments', () => {
    expect(rules(VALID)).toEqual([]);
    expect(() => parseXliff(VALID)).not.toThrow();
  });
  it('isolated codes, overlapping codes that allow it, a target order, XLIFF 2.2 notes on <xliff>', () => {
    expect(rules(seg('<sc id="1" isolated="yes"/>a', '<sc id="1" isolated="yes"/>b'))).toEqual([]);
    expect(rules(seg('a<ec id="1" isolated="yes" fs:fs="b"/><ph id="2" fs:fs="img" fs:subFs="src,c:\\\\docs\\\\smile.png\\alt,My Happy Smile\\title,Smiling faces\\, are nice"/>'))).toEqual([]);
    expect(rules(seg('<sc id="1"/>a<sc id="2"/>b<ec startRef="1"/>c<ec startRef="2"/>'))).toEqual([]);
    expect(rules(unit('<segment><source>A.</source><target order="2">B.</target></segment><segment><source>C.</source><target order="1">D.</target></segment>'))).toEqual([]);
    const v22 = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2" srcLang="en"><notes><note>n</note></notes><file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>';
    expect(rules(v22)).toEqual([]);
    expect(rules(seg('x', undefined, ' state="initial"'), )).toEqual([]);
    expect(rules(file('<unit id="u1" xml:lang="en"><segment><source>a</source></segment></unit>'))).toEqual([]);
    expect(
      rules(
        file(
          '<res:resourceData><res:resourceItem id="r1" mimeType="text/xml" context="no"><res:source href="en.xml"/><res:target href="fr.xml" xml:lang="fr"/><res:reference href="shot.png" xml:lang="de"/></res:resourceItem></res:resourceData>' +
            '<unit id="u"><res:resourceData><res:resourceItemRef ref="r1"/></res:resourceData><segment><source>a</source></segment></unit>',
        ),
      ),
    ).toEqual([]);
    expect(rules(unit('<x:a xmlns:x="urn:x" id="e1"><x:b id="e2"/></x:a><segment id="s1"><source>a <mrk id="m1" type="mtc:match">b</mrk></source><target>c <mrk id="m1" type="mtc:match">d</mrk></target></segment><mtc:matches/>'.replace('<mtc:matches/>', '')))).toEqual([]);
    expect(rules(unit('<mtc:matches><mtc:match ref="#t=m1" reference="yes"><source>b</source><target xml:lang="de">d</target></mtc:match></mtc:matches><segment id="s1"><source>a <mrk id="m1" translate="no">b</mrk></source><target>c <mrk id="m1" translate="no">d</mrk></target></segment>'))).toEqual([]);
    expect(rules(file('<unit id="u1"><segment><source>a</source></segment></unit>', 'srcLang="i-klingon" trgLang="x-private"'))).toEqual([]);
  });
});

const CASES: [string, string, string][] = [
  // <xliff> and languages
  ['srcLang-bcp47', 'srcLang that is not BCP 47', seg('a').replace('srcLang="en"', 'srcLang="en_US"')],
  ['trgLang-bcp47', 'trgLang that is not BCP 47', seg('a').replace('trgLang="fr"', 'trgLang="fr-"')],
  ['trgLang-required', 'a target without trgLang', seg('a', 'b').replace(' trgLang="fr"', '')],
  ['source-xml-lang', 'xml:lang on <source> other than srcLang', seg('a').replace('<source>', '<source xml:lang="de">')],
  ['target-xml-lang', 'xml:lang on <target> other than trgLang', seg('a', 'b').replace('<target>', '<target xml:lang="de">')],
  ['source-xml-lang', 'xml:lang inherited from <unit> other than srcLang', seg('a', undefined).replace('<unit id="u1">', '<unit id="u1" xml:lang="de">')],
  ['xml-lang-bcp47', 'xml:lang that is not BCP 47', seg('a').replace('<unit id="u1">', '<unit id="u1" xml:lang="english language">')],
  ['attribute-allowed', 'an unknown attribute on <xliff>', seg('a').replace('version="2.0"', 'version="2.0" lang="en"')],
  ['content-model', '<xliff> without <file>', `${HEAD()}</xliff>`],
  ['content-model', 'notes on <xliff> in 2.0', seg('a').replace('<file id="f1"', '<notes><note>x</note></notes><file id="f1"')],
  // <file>, <skeleton>, <group>
  ['file-id-unique', 'two files with one id', `${HEAD()}<file id="f1"><unit id="u"><segment><source>a</source></segment></unit></file><file id="f1"><unit id="u"><segment><source>b</source></segment></unit></file></xliff>`],
  ['attribute-required', 'a file without id', seg('a').replace('<file id="f1"', '<file')],
  ['attribute-value', 'a file id that is not an NMTOKEN', seg('a').replace('<file id="f1"', '<file id="f 1"')],
  ['content-model', 'a file without units', file('')],
  ['skeleton-href', 'an empty skeleton without href', file('<skeleton/><unit id="u"><segment><source>a</source></segment></unit>')],
  ['skeleton-href', 'a skeleton with content and href', file('<skeleton href="a.skl">text</skeleton><unit id="u"><segment><source>a</source></segment></unit>')],
  ['element-order', 'skeleton after notes', file('<notes><note>n</note></notes><skeleton href="a.skl"/><unit id="u"><segment><source>a</source></segment></unit>')],
  ['group-id-unique', 'two groups with one id', file('<group id="g"><unit id="a"><segment><source>a</source></segment></unit></group><group id="g"/>')],
  ['xlf-prefix-reserved', 'a group type with the xlf prefix', file('<group id="g" type="xlf:block"><unit id="a"><segment><source>a</source></segment></unit></group>')],
  ['attribute-value', 'a unit type without a prefix', seg('a').replace('<unit id="u1">', '<unit id="u1" type="block">')],
  ['attribute-value', 'srcDir out of its values', seg('a').replace('<unit id="u1">', '<unit id="u1" srcDir="left">')],
  ['attribute-value', 'translate out of its values', seg('a').replace('<unit id="u1">', '<unit id="u1" translate="maybe">')],
  // <unit>, <segment>, order
  ['unit-id-unique', 'two units with one id in a file', file('<unit id="u"><segment><source>a</source></segment></unit><unit id="u"><segment><source>b</source></segment></unit>')],
  ['unit-segment', 'a unit with only ignorables', unit('<ignorable><source> </source></ignorable>')],
  ['element-order', 'originalData after a segment', unit('<segment><source>a</source></segment><originalData><data id="d">x</data></originalData>')],
  ['element-order', 'a module element after notes', unit('<notes><note>n</note></notes><mda:metadata><mda:metaGroup><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata><segment><source>a</source></segment>')],
  ['element-order', 'two notes elements', unit('<notes><note>n</note></notes><notes><note>m</note></notes><segment><source>a</source></segment>')],
  ['segment-id-unique', 'a segment and an ignorable with one id', unit('<segment id="s"><source>a</source></segment><ignorable id="s"><source> </source></ignorable>')],
  ['content-model', 'a segment with a target first', unit('<segment><target>b</target><source>a</source></segment>')],
  ['attribute-value', 'an unknown state', seg('a', 'b', ' state="approved"')],
  ['subState-state', 'subState without state', seg('a', 'b', ' subState="my:x"')],
  ['attribute-value', 'subState without a prefix', seg('a', 'b', ' state="final" subState="done"')],
  ['state-target', 'state translated without a target', seg('a', undefined, ' state="translated"')],
  ['target-order', 'an order beyond the segments', seg('a', 'b').replace('<target>', '<target order="3">')],
  ['target-order', 'two targets with one order', unit('<segment><source>A.</source><target order="2">B.</target></segment><segment><source>C.</source><target>D.</target></segment>')],
  ['target-order', 'an order that is not a positive integer', seg('a', 'b').replace('<target>', '<target order="0">')],
  // notes, original data
  ['note-id-unique', 'two notes with one id', unit('<notes><note id="n">a</note><note id="n">b</note></notes><segment><source>a</source></segment>')],
  ['note-priority', 'a priority of 11', unit('<notes><note priority="11">a</note></notes><segment><source>a</source></segment>')],
  ['attribute-value', 'appliesTo out of its values', unit('<notes><note appliesTo="unit">a</note></notes><segment><source>a</source></segment>')],
  ['content-model', 'markup inside a note', unit('<notes><note>a <pc id="1">b</pc></note></notes><segment><source>a</source></segment>')],
  ['data-id-unique', 'two data with one id', unit('<originalData><data id="d">a</data><data id="d">b</data></originalData><segment><source>a<ph id="1" dataRef="d"/></source></segment>')],
  ['attribute-value', 'data with xml:space default', unit('<originalData><data id="d" xml:space="default">a</data></originalData><segment><source>a<ph id="1" dataRef="d"/></source></segment>')],
  ['content-model', 'an empty originalData', unit('<originalData/><segment><source>a</source></segment>')],
  // inline codes
  ['dataRef-reference', 'a dataRef naming no data', seg('a<ph id="1" dataRef="d9"/>')],
  ['dataRef-reference', 'a dataRefStart naming no data', unit('<originalData><data id="d1">x</data></originalData><segment><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">a</pc></source></segment>')],
  ['copyOf-dataRef', 'copyOf together with dataRef', unit('<originalData><data id="d1">x</data></originalData><segment><source><ph id="1" dataRef="d1"/></source><target><ph id="1" dataRef="d1"/><ph id="2" copyOf="1" dataRef="d1"/></target></segment>')],
  ['copyOf-reference', 'copyOf naming no code', seg('<ph id="1"/>', '<ph id="1"/><ph id="2" copyOf="9"/>')],
  ['canCopy', 'a copy of a code that may not be copied', seg('<ph id="1" canCopy="no"/>', '<ph id="1" canCopy="no"/><ph id="2" copyOf="1"/>')],
  ['inline-id-unique', 'two codes with one id in a source', seg('<ph id="1"/><ph id="1"/>')],
  ['inline-id-unique', 'a code with the id of a segment', unit('<segment id="1"><source><ph id="1"/></source></segment>')],
  ['inline-id-correspondence', 'a target code reusing the id of another kind of source code', seg('<ph id="1"/>a', '<pc id="1">a</pc>')],
  ['inline-code-correspondence', 'a target pc pointing to other original data than its source pc', unit('<originalData><data id="d1">&lt;b></data><data id="d2">&lt;/b></data><data id="d3">&lt;i></data></originalData><segment><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">a</pc></source><target><pc id="1" dataRefStart="d3" dataRefEnd="d2">b</pc></target></segment>')],
  ['inline-code-correspondence', 'a target ph of another type than its source ph', seg('a<ph id="1" type="fmt"/>', 'b<ph id="1" type="ui"/>')],
  ['attribute-required', 'a ph without id', seg('a<ph/>')],
  ['attribute-allowed', 'an attribute of another namespace on a code', seg('a<ph id="1" xmlns:x="urn:x" x:y="z"/>')],
  ['attribute-allowed', 'an attribute a ph does not have', seg('a<ph id="1" isolated="no"/>')],
  ['attribute-value', 'a code type out of its values', seg('a<ph id="1" type="bold"/>')],
  ['subType-type', 'subType without type', seg('a<ph id="1" subType="xlf:lb"/>')],
  ['subType-type', 'xlf:b with type ui', seg('<pc id="1" type="ui" subType="xlf:b">a</pc>')],
  ['xlf-prefix-reserved', 'an xlf subType the specification does not define', seg('<pc id="1" type="fmt" subType="xlf:bold">a</pc>')],
  ['content-model', 'a ph with content', seg('<ph id="1">x</ph>')],
  ['content-model', 'an element of another namespace in a source', seg('a <x:b xmlns:x="urn:x">b</x:b>')],
  ['cp-valid-char', 'a cp for a character XML can hold', seg('a<cp hex="0041"/>')],
  ['cp-hex', 'a cp that is not hexBinary', seg('a<cp hex="3"/>')],
  // sc/ec, isolation, overlap, editing hints
  ['sc-ec-pairing', 'an sc without its ec', seg('<sc id="1"/>a')],
  ['sc-ec-pairing', 'an ec naming no sc', seg('a<ec startRef="1"/>')],
  ['ec-startRef', 'an ec with neither startRef nor isolated', seg('<sc id="1"/>a<ec/>')],
  ['ec-isolated', 'an isolated ec without id', seg('a<ec isolated="yes"/>')],
  ['ec-isolated', 'an isolated ec with startRef', seg('a<ec isolated="yes" id="2" startRef="1"/>')],
  ['ec-isolated', 'an isolated ec whose sc is in the unit', seg('<sc id="1"/>a<ec id="1" isolated="yes"/>')],
  ['ec-isolated', 'an isolated sc whose ec is in the unit', seg('<sc id="1" isolated="yes"/>a<ec startRef="1"/>')],
  ['ec-isolated', 'an ec with both id and startRef', seg('<sc id="1"/>a<ec id="2" startRef="1"/>')],
  ['ec-dir', 'dir on an ec that is not isolated', seg('<sc id="1"/>a<ec startRef="1" dir="rtl"/>')],
  ['sc-ec-attributes', 'an ec whose canCopy differs from its sc', seg('<sc id="1" canCopy="no"/>a<ec startRef="1"/>')],
  ['sc-ec-attributes', 'an ec that is reorderable after an sc that starts a fixed sequence', seg('<sc id="1" canCopy="no" canDelete="no" canReorder="firstNo"/>a<ec startRef="1" canCopy="no" canDelete="no"/>')],
  ['canOverlap', 'a pc enclosing half of a pair', seg('<pc id="1">a<sc id="2"/>b</pc>c<ec startRef="2"/>')],
  ['canOverlap', 'an sc pair that may not overlap', seg('<sc id="1" canOverlap="no"/>a<sc id="2"/>b<ec startRef="1" canOverlap="no"/>c<ec startRef="2"/>')],
  ['canReorder-hints', 'canReorder no without canCopy and canDelete no', seg('<ph id="1" canReorder="firstNo"/>')],
  ['canReorder-sequence', 'a sequence starting with no', seg('<ph id="1" canCopy="no" canDelete="no" canReorder="no"/>')],
  ['canDelete', 'a code that may not be deleted missing from the target', seg('a<ph id="1" canDelete="no"/>', 'b')],
  ['subFlows', 'subFlows naming no unit of the file', seg('a<ph id="1" subFlows="u9"/>')],
  ['subFlows', 'subFlowsStart naming no unit', seg('<pc id="1" subFlowsStart="zz">a</pc>')],
  // annotations, fragment identifiers
  ['sm-em-pairing', 'an em naming no sm', seg('a<em startRef="m1"/>')],
  ['attribute-required', 'an em without startRef', seg('<sm id="m1" translate="no"/>a<em/>')],
  ['mrk-comment', 'a comment annotation with neither value nor ref', seg('<mrk id="m1" type="comment">a</mrk>')],
  ['mrk-comment', 'a comment annotation with value and ref', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" value="v" ref="#n=n1">a</mrk></source></segment>')],
  ['mrk-comment', 'a comment annotation pointing to no note', seg('<mrk id="m1" type="comment" ref="#n=n1">a</mrk>')],
  ['fragment-identifier', 'a fragment identifier without #', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" ref="n=n1">a</mrk></source></segment>')],
  ['fragment-identifier', 'a fragment identifier with a repeated prefix', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" ref="#n=n1/n=n1">a</mrk></source></segment>')],
  ['fragment-identifier', 'unit before file in a fragment identifier', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" ref="#/u=u1/f=f1/n=n1">a</mrk></source></segment>')],
  ['fragment-identifier', 'a note selector that is not last', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" ref="#n=n1/u=u1">a</mrk></source></segment>')],
  ['fragment-identifier', 'an unregistered prefix', unit('<notes><note id="n1">x</note></notes><segment><source><mrk id="m1" type="comment" ref="#zz=n1">a</mrk></source></segment>')],
  ['mrk-translate', 'a generic annotation without translate', seg('<mrk id="m1">a</mrk>')],
  ['attribute-value', 'a marker type without a prefix', seg('<mrk id="m1" type="isbn">a</mrk>')],
  ['attribute-allowed', 'xml:lang on a marker', seg('<mrk id="m1" translate="no" xml:lang="fr">a</mrk>')],
  // modules
  ['module-placement', 'translation candidates in a file', file('<mtc:matches><mtc:match ref="#s"><source>a</source><target>b</target></mtc:match></mtc:matches><unit id="u"><segment id="s"><source>a</source></segment></unit>')],
  ['module-placement', 'two metadata in a unit', unit('<mda:metadata><mda:metaGroup><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata><mda:metadata><mda:metaGroup><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata><segment><source>a</source></segment>')],
  ['mda-content', 'an empty metaGroup', unit('<mda:metadata><mda:metaGroup/></mda:metadata><segment><source>a</source></segment>')],
  ['attribute-required', 'a meta without type', unit('<mda:metadata><mda:metaGroup><mda:meta>b</mda:meta></mda:metaGroup></mda:metadata><segment><source>a</source></segment>')],
  ['mda-id-unique', 'two metaGroups with one id', unit('<mda:metadata><mda:metaGroup id="a"><mda:meta type="a">b</mda:meta></mda:metaGroup><mda:metaGroup id="a"><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata><segment><source>a</source></segment>')],
  ['attribute-value', 'a metaGroup appliesTo out of its values', unit('<mda:metadata><mda:metaGroup appliesTo="unit"><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata><segment><source>a</source></segment>')],
  ['attribute-required', 'a match without ref', unit('<mtc:matches><mtc:match><source>a</source><target>b</target></mtc:match></mtc:matches><segment><source>a</source></segment>')],
  ['mtc-ref', 'a match pointing to no segment', unit('<mtc:matches><mtc:match ref="#s9"><source>a</source><target>b</target></mtc:match></mtc:matches><segment id="s1"><source>a</source></segment>')],
  ['mtc-value', 'a matchQuality over 100', unit('<mtc:matches><mtc:match ref="#s1" matchQuality="120"><source>a</source><target>b</target></mtc:match></mtc:matches><segment id="s1"><source>a</source></segment>')],
  ['target-xml-lang', 'a match target in another language', unit('<mtc:matches><mtc:match ref="#s1"><source>a</source><target xml:lang="de">b</target></mtc:match></mtc:matches><segment id="s1"><source>a</source></segment>')],
  ['gls-content', 'a glossary entry with neither translation nor definition', unit('<gls:glossary><gls:glossEntry><gls:term>a</gls:term></gls:glossEntry></gls:glossary><segment><source>a</source></segment>')],
  ['gls-id-unique', 'a glossary entry and a translation with one id', unit('<gls:glossary><gls:glossEntry id="g"><gls:term>a</gls:term><gls:translation id="g">b</gls:translation></gls:glossEntry></gls:glossary><segment><source>a</source></segment>')],
  ['attribute-required', 'revisions without appliesTo', unit('<ctr:changeTrack><ctr:revisions><ctr:revision><ctr:item property="content">a</ctr:item></ctr:revision></ctr:revisions></ctr:changeTrack><segment><source>a</source></segment>')],
  ['ctr-content', 'a revision without items', unit('<ctr:changeTrack><ctr:revisions appliesTo="source"><ctr:revision/></ctr:revisions></ctr:changeTrack><segment><source>a</source></segment>')],
  ['val-rule', 'a validation rule with two kinds', unit('<val:validation><val:rule isPresent="a" isNotPresent="b"/></val:validation><segment><source>a</source></segment>')],
  ['val-rule', 'occurs without isPresent', unit('<val:validation><val:rule startsWith="a" occurs="2"/></val:validation><segment><source>a</source></segment>')],
  ['attribute-required', 'slr:data without profile', unit('<slr:data/><segment><source>a</source></segment>')],
  ['module-placement', 'slr:profiles in a unit', unit('<slr:profiles/><segment><source>a</source></segment>')],
  ['slr-sizeInfo', 'slr:sizeInfo with slr:sizeInfoRef', seg('a').replace('<unit id="u1">', '<unit id="u1" slr:sizeInfo="a" slr:sizeInfoRef="b">')],
  ['slr-placement', 'slr:sizeRestriction on a ph', seg('a<ph id="1" slr:sizeRestriction="5"/>')],
  ['slr-placement', 'slr:equivStorage on an ec that is not isolated', seg('<sc id="1" slr:equivStorage="3"/>a<ec startRef="1" slr:equivStorage="4"/>')],
  ['slr-value', 'a size restriction that is not a number under the standard profile', file('<slr:profiles generalProfile="xliff:codepoints"/><unit id="u" slr:sizeRestriction="ten"><segment><source>a</source></segment></unit>')],
  ['val-target', 'a translation without the word a rule asks for', unit('<val:validation><val:rule isPresent="loja"/></val:validation><segment><source>Choose an option in the online store.</source><target>Escolha uma opção na online store.</target></segment>').replace('trgLang="fr"', 'trgLang="pt"')],
  ['val-target', 'a word twice where a rule asks for it once', unit('<val:validation><val:rule isPresent="loja" occurs="1"/></val:validation><segment><source>store store</source><target>loja loja</target></segment>')],
  ['val-target', 'a word a rule forbids', unit('<val:validation><val:rule isNotPresent="store"/></val:validation><segment><source>online store</source><target>online store</target></segment>')],
  ['val-target', 'a translation not starting as a rule asks', unit('<val:validation><val:rule startsWith="*"/></val:validation><segment><source>*Choose</source><target>Escolha</target></segment>')],
  ['val-target', 'a source not ending as an existsInSource rule asks', unit('<val:validation><val:rule endsWith=":" existsInSource="yes"/></val:validation><segment><source>Choose.</source><target>Escolha:</target></segment>')],
  ['val-target', 'a file-level rule applying to a unit', file('<val:validation><val:rule isPresent="store"/></val:validation><unit id="u"><segment><source>online store</source><target>loja online</target></segment></unit>')],
  ['res-ref', 'a resourceItemRef naming no resourceItem', unit('<res:resourceData><res:resourceItemRef ref="r9"/></res:resourceData><segment><source>a</source></segment>')],
  ['res-content', 'an empty resourceItem', file('<res:resourceData><res:resourceItem id="r1"/></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['mtc-subType-type', 'a match subType without type', unit('<mtc:matches><mtc:match ref="#s1" subType="my:fuzzy"><source>a</source><target>b</target></mtc:match></mtc:matches><segment id="s1"><source>a</source></segment>')],
  ['mtc-ref', 'a match pointing to a note', unit('<mtc:matches><mtc:match ref="#n=n1"><source>a</source><target>b</target></mtc:match></mtc:matches><notes><note id="n1">x</note></notes><segment id="s1"><source>a</source></segment>')],
  ['gls-ref', 'a glossary entry pointing to no span of the unit', unit('<gls:glossary><gls:glossEntry ref="#m9"><gls:term>a</gls:term><gls:definition>d</gls:definition></gls:glossEntry></gls:glossary><segment><source>a</source></segment>')],
  ['extension-id', 'two extension elements with one id in a unit', unit('<x:a xmlns:x="urn:x" id="e1"/><x:b xmlns:x="urn:x" xml:id="e1"/><segment><source>a</source></segment>')],
  ['extension-id', 'an extension id that is not an NMTOKEN', unit('<x:a xmlns:x="urn:x" id="e 1"/><segment><source>a</source></segment>')],
  ['attribute-allowed', 'a custom attribute on a segment', seg('a', undefined, ' xmlns:x="urn:x" x:flag="1"')],
  ['attribute-allowed', 'an attribute a skeleton does not have', file('<skeleton href="a.skl" kind="html"/><unit id="u"><segment><source>a</source></segment></unit>')],
  ['xliff-version', 'a version of another namespace', seg('a').replace('version="2.0"', 'version="2.2"')],
  ['fs-placement', 'fs:fs on a group', file('<group id="g" fs:fs="div"><unit id="u"><segment><source>a</source></segment></unit></group>')],
  ['fs-placement', 'fs:fs on an ec that is not isolated', seg('<sc id="1" fs:fs="b"/>a<ec startRef="1" fs:fs="b"/>')],
  ['res-href', 'a res:source with content and href', file('<res:resourceData><res:resourceItem id="r1"><res:source href="a.xml"><x:a xmlns:x="urn:x"/></res:source></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['res-href', 'a res:reference without href', file('<res:resourceData><res:resourceItem id="r1" mimeType="image/png"><res:reference/></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['res-mimeType', 'a resourceItem of files without mimeType', file('<res:resourceData><res:resourceItem id="r1"><res:source href="en.xml"/><res:target href="fr.xml"/></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['res-xml-lang', 'a res:target in another language', file('<res:resourceData><res:resourceItem id="r1" mimeType="text/xml"><res:target href="de.xml" xml:lang="de"/></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['res-content', 'a res:target before its res:source', file('<res:resourceData><res:resourceItem id="r1" mimeType="text/xml"><res:target href="fr.xml"/><res:source href="en.xml"/></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['res-content', 'context="no" without a res:source', file('<res:resourceData><res:resourceItem id="r1" context="no" mimeType="text/xml"><res:target href="fr.xml"/></res:resourceItem></res:resourceData><unit id="u"><segment><source>a</source></segment></unit>')],
  ['fs-fs', 'fs:fs naming no HTML element', seg('<pc id="1" fs:fs="bold">a</pc>')],
  ['fs-subFs', 'fs:subFs without fs:fs', seg('<pc id="1" fs:subFs="href,a.html">a</pc>')],
  ['fs-subFs', 'fs:subFs that is not name,value pairs', seg('<pc id="1" fs:fs="a" fs:subFs="href">a</pc>')],
];

describe('validateXliff2 refuses each broken constraint, naming its rule', () => {
  for (const [rule, what, text] of CASES) {
    it(`${rule}: ${what}`, () => {
      expect(rules(text)).toContain(rule);
      expect(() => parseXliff(text)).toThrow(new RegExp(`\\(rule ${rule}\\)|rule `));
    });
  }
});

describe('the message names the element, its line and the rule', () => {
  it('for an ec that names no sc', () => {
    expect(() => parseXliff(seg('a<ec startRef="7"/>'))).toThrow(/^XLIFF: <ec> on line 5: startRef="7" names no open <sc> earlier in this unit's source \(rule sc-ec-pairing\)$/);
  });
  it('counts the other problems', () => {
    expect(() => parseXliff(seg('<ph id="1"/><ph id="1"/><ph id="1"/>'))).toThrow(/\(and 1 more problem\)/);
  });
});
