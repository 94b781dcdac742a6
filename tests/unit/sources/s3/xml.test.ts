import { describe, expect, it } from 'vitest';
import { escapeXml, parseDeleteRequest, textElement, unescapeXml, xmlDocument } from '../../../../src/sources/s3/xml.js';

describe('escapeXml', () => {
  it('escapes markup and writes control characters and CR as references, so keys survive parsing', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(escapeXml('x\u0001y\rz\n\t')).toBe('x&#x1;y&#xD;z\n\t');
    expect(unescapeXml(escapeXml('a&<>"\' \u0001\r😀'))).toBe('a&<>"\' \u0001\r😀');
  });
});

describe('xmlDocument', () => {
  it('writes S3 namespace and omits undefined elements', () => {
    expect(xmlDocument('R', textElement('A', 1), textElement('B', undefined))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><A>1</A></R>');
  });
});

describe('parseDeleteRequest', () => {
  it('reads the keys, version ids and quiet flag as the SDK sends them', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;&lt;b</Key></Object><Object><Key><![CDATA[c<d]]></Key><VersionId>v1</VersionId></Object><Quiet>true</Quiet></Delete>';
    expect(parseDeleteRequest(xml)).toEqual({ quiet: true, objects: [{ key: 'a&<b', versionId: undefined }, { key: 'c<d', versionId: 'v1' }] });
  });

  it('refuses what is not a Delete document, an empty one and one over 1,000 keys', () => {
    expect(() => parseDeleteRequest('<Nope/>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    expect(() => parseDeleteRequest('<Delete></Delete>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    const many = `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`;
    expect(() => parseDeleteRequest(many)).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    expect(() => parseDeleteRequest('<Delete><Object><Key>&bogus;</Key></Object></Delete>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });
});
