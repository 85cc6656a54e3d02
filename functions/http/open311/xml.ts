/**
 * A small XML writer for the documents this endpoint answers with: elements and text only (GeoReport v2
 * uses no attributes and no namespace). Every text is escaped here, so data from any channel — a
 * description with `<script>`, an ampersand in an address — can never change the document's structure.
 */

export interface XmlElement {
  name: string;
  /** Text content, or child elements. */
  content: string | readonly XmlElement[];
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF), even
 * escaped: replaced by U+FFFD so one odd character in an old record cannot make a document unreadable.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    // A carriage return would be normalized away by any reader; as a reference it survives.
    .replaceAll('\r', '&#13;');
}

function write(element: XmlElement, out: string[]): void {
  // Names come from this module's own vocabulary, never from data; a bad one is a programming error.
  if (!NAME.test(element.name)) throw new RangeError(`not an XML element name: '${element.name}'`);
  if (typeof element.content === 'string') {
    out.push(`<${element.name}>${escapeText(element.content)}</${element.name}>`);
    return;
  }
  out.push(`<${element.name}>`);
  for (const child of element.content) write(child, out);
  out.push(`</${element.name}>`);
}

/** The whole document, declaration first, in one line (whitespace between elements would be text). */
export function xmlDocument(root: XmlElement): string {
  const out = [XML_DECLARATION];
  write(root, out);
  return out.join('');
}
