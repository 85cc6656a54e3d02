import { describe, expect, it } from 'vitest';
import { parseXml } from './open311.fixture.js';
import { renderBody, safeJson } from './render.js';
import { escapeText, xmlDocument } from './xml.js';

describe('the XML writer', () => {
  it('escapes every markup character, so data cannot change the structure', () => {
    expect(escapeText(`<a href="x">Tom & 'Jerry'</a> ]]>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt; ]]&gt;');
    expect(xmlDocument({ name: 'description', content: '</description><evil>' })).toBe(
      '<?xml version="1.0" encoding="utf-8"?><description>&lt;/description&gt;&lt;evil&gt;</description>',
    );
  });

  it('replaces characters XML cannot carry and keeps the rest, Chinese and emoji included', () => {
    const text = 'bell\u0007 nul\u0000 lone\uD800 ok\t\n 垃圾箱 🗑️ cr\r';
    const document = xmlDocument({ name: 'note', content: text });
    expect(document).toContain('bell\uFFFD nul\uFFFD lone\uFFFD ok\t\n 垃圾箱 🗑️ cr&#13;');
    expect(parseXml(document).text).toBe('bell\uFFFD nul\uFFFD lone\uFFFD ok\t\n 垃圾箱 🗑️ cr\r');
  });

  it('refuses element names that are not names (they come from code, never from data)', () => {
    expect(() => xmlDocument({ name: 'bad name', content: '' })).toThrow(RangeError);
  });

  it('renders lists with the spec’s item names, booleans and numbers as text, and leaves out absent fields', () => {
    const value = [{ service_code: 'B0301', metadata: false, order: 1, lat: 34.7825, keywords: undefined }];
    expect(renderBody('xml', 'services', value)).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services><service><service_code>B0301</service_code><metadata>false</metadata><order>1</order><lat>34.7825</lat></service></services>',
    );
    expect(renderBody('json', 'services', value)).toBe('[{"service_code":"B0301","metadata":false,"order":1,"lat":34.7825}]');
    expect(() => renderBody('xml', 'unknown_list', [])).toThrow(/no XML item name/);
  });

  it('writes JSON whose markup characters are escapes, and which reads back the same', () => {
    const value = { description: '<script>alert(1)</script> & \u2028' };
    const text = safeJson(value);
    expect(text).toBe('{"description":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is checked by a test reader that refuses broken documents (so a passing parse means something)', () => {
    const declared = (body: string) => `<?xml version="1.0" encoding="utf-8"?>${body}`;
    for (const broken of ['<a>x < y</a>', '<a>AT&T</a>', '<a><b></a></b>', '<a></a><b></b>', '<a>', 'text<a></a>', '<a><b>1</b>2</a>']) {
      expect(() => parseXml(declared(broken)), broken).toThrow();
    }
    expect(() => parseXml('<a></a>')).toThrow(/declaration/);
    expect(parseXml(declared('<a><b>1 &lt; 2 &#x1F5D1; &#13;</b></a>')).children[0]?.text).toBe('1 < 2 🗑 \r');
  });
});
