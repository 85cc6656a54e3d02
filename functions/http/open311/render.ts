/**
 * One answer, two formats. Endpoints build plain values (what the JSON says); the XML follows from them by
 * the spec's element names, so the two formats cannot drift apart.
 */
import { xmlDocument, type XmlElement } from './xml.js';

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export type Value = string | number | boolean | undefined | readonly Value[] | { readonly [key: string]: Value };

/** What each list is called in XML, and what its items are called (GeoReport v2's own names). */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  duplicates: 'duplicate',
};

function toXml(name: string, value: Value): XmlElement | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { name, content: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${name} is not a finite number`);
    return { name, content: String(value) };
  }
  if (typeof value === 'boolean') return { name, content: value ? 'true' : 'false' };
  if (Array.isArray(value)) {
    const itemName = ITEM_NAMES[name];
    if (!itemName) throw new RangeError(`no XML item name for the list '${name}'`);
    return { name, content: (value as readonly Value[]).flatMap((item) => toXml(itemName, item) ?? []) };
  }
  const fields = Object.entries(value as { readonly [key: string]: Value });
  return { name, content: fields.flatMap(([key, field]) => toXml(key, field) ?? []) };
}

/**
 * JSON with `<`, `>`, `&` and the two line separators written as escapes: the same value for any JSON
 * reader, but a description holding `<script>` stays inert even if someone serves the body as HTML.
 */
export function safeJson(value: Value): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** The body in the asked format; `root` names the XML document element (`service_requests`, `services`, ...). */
export function renderBody(format: Format, root: string, value: Value): string {
  if (format === 'json') return safeJson(value);
  const element = toXml(root, value);
  if (!element) throw new RangeError('nothing to render');
  return xmlDocument(element);
}
