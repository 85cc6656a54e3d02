/**
 * A JSON Schema as an indented list of fields for the docs page: each field with its type, whether it is
 * required, its description and its limits; objects, array items and alternatives nest one level deeper.
 */
import { html, prose, type SafeHtml } from './html.js';
import type { JsonSchema, OpenApiDocument } from './types.js';

const SCHEMA_REF = '#/components/schemas/';

export const schemaAnchor = (name: string): string => `schema-${name.replace(/[^\w.-]/g, '-')}`;
export const refName = (schema: JsonSchema): string | undefined =>
  typeof schema.$ref === 'string' && schema.$ref.startsWith(SCHEMA_REF) ? schema.$ref.slice(SCHEMA_REF.length) : undefined;

const asSchema = (value: unknown): JsonSchema | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

export interface SchemaContext {
  doc: OpenApiDocument;
  /** Component schemas being expanded, so a (future) recursive schema ends in a link, not a loop. */
  expanding: ReadonlySet<string>;
}

const resolve = (schema: JsonSchema, context: SchemaContext): JsonSchema => {
  const name = refName(schema);
  return name === undefined ? schema : (context.doc.components.schemas[name] ?? {});
};

function typeLabel(schema: JsonSchema, context: SchemaContext): string {
  const name = refName(schema);
  if (name !== undefined) return name;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const items = asSchema(schema.items);
  const types = strings(schema.type).map((type) => (type === 'array' && items ? `array of ${typeLabel(items, context)}` : type));
  const label = types.join(' | ') || (schema.anyOf || schema.oneOf ? 'one of' : 'any');
  return typeof schema.format === 'string' ? `${label} (${schema.format})` : label;
}

/** zod states the integer type's own bound (2^53 − 1); it says nothing a reader needs. */
const bound = (value: unknown): number | undefined => (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);

function limits(schema: JsonSchema): SafeHtml[] {
  const out: SafeHtml[] = [];
  if (Array.isArray(schema.enum)) out.push(html`one of ${schema.enum.map((value, index) => html`${index > 0 ? ', ' : ''}<code>${String(value)}</code>`)}`);
  const range = (low: number | undefined, high: number | undefined, unit: string) => {
    if (low !== undefined && high !== undefined) out.push(html`${low} to ${high}${unit}`);
    else if (low !== undefined) out.push(html`at least ${low}${unit}`);
    else if (high !== undefined) out.push(html`at most ${high}${unit}`);
  };
  if (schema.minLength === 1 && schema.maxLength === undefined) out.push(html`not empty`);
  else range(bound(schema.minLength), bound(schema.maxLength), ' characters');
  range(bound(schema.minimum), bound(schema.maximum), '');
  if (bound(schema.exclusiveMinimum) !== undefined) out.push(html`greater than ${bound(schema.exclusiveMinimum)}`);
  if (bound(schema.exclusiveMaximum) !== undefined) out.push(html`less than ${bound(schema.exclusiveMaximum)}`);
  range(bound(schema.minItems), bound(schema.maxItems), ' items');
  // A format (email, uri) says what zod's accompanying pattern spells out for machines.
  if (typeof schema.pattern === 'string' && schema.format === undefined) out.push(html`matches <code>${schema.pattern}</code>`);
  if (schema.default !== undefined) out.push(html`default <code>${JSON.stringify(schema.default)}</code>`);
  return out;
}

const limitsOf = (schema: JsonSchema): SafeHtml | '' => {
  const own = limits(schema);
  return own.length > 0 ? html` <span class="limits">(${own.map((part, index) => html`${index > 0 ? '; ' : ''}${part}`)})</span>` : '';
};

/** A schema's type and limits on one line, for a parameter. */
export const schemaSummary = (schema: JsonSchema, context: SchemaContext): SafeHtml => html`<span class="type">${typeLabel(schema, context)}</span>${limitsOf(schema)}`;

function field(name: string, schema: JsonSchema, required: boolean, context: SchemaContext): SafeHtml {
  return html`<li><code class="name">${name}</code> <span class="type">${typeLabel(schema, context)}</span>${required ? html` <span class="required">required</span>` : ''}${
    typeof schema.description === 'string' ? html` — ${prose(schema.description)}` : ''
  }${limitsOf(schema)}${nested(schema, context)}</li>`;
}

/** What lies inside a field: an object's fields, an array's item fields, or the alternatives. */
function nested(schema: JsonSchema, context: SchemaContext): SafeHtml | '' {
  const name = refName(schema);
  if (name !== undefined && context.expanding.has(name)) return html` (see <a href="#${schemaAnchor(name)}">${name}</a>)`;
  const inner = name === undefined ? context : { ...context, expanding: new Set([...context.expanding, name]) };
  const resolved = resolve(schema, context);
  const items = asSchema(resolved.items);
  if (asSchema(resolved.properties)) return renderFields(resolved, inner);
  if (items && (asSchema(items.properties) || items.anyOf || items.oneOf || refName(items))) return html`<div class="items">each item:</div>${renderFields(resolve(items, inner), inner)}`;
  if (Array.isArray(resolved.anyOf) || Array.isArray(resolved.oneOf)) return alternatives(resolved, inner);
  if (asSchema(resolved.additionalProperties) && !asSchema(resolved.properties)) return html` <span class="limits">(any fields)</span>`;
  return '';
}

function alternatives(schema: JsonSchema, context: SchemaContext): SafeHtml {
  const options = ((schema.anyOf ?? schema.oneOf) as unknown[]).map(asSchema).filter((option): option is JsonSchema => option !== undefined);
  return html`<ul class="alternatives">${options.map((option) => {
    const resolved = resolve(option, context);
    const label = typeof resolved.title === 'string' ? resolved.title : (refName(option) ?? typeLabel(option, context));
    const fields = asSchema(resolved.properties) && Object.keys(resolved.properties as object).length === 0 ? html`<p class="none">No fields: send <code>{}</code>.</p>` : nested(option, context);
    return html`<li><strong>${label}</strong>${typeof resolved.description === 'string' ? html` — ${prose(resolved.description)}` : ''}${fields}</li>`;
  })}</ul>`;
}

/** An object's fields as a list; anything else as its type and limits. */
export function renderFields(schema: JsonSchema, context: SchemaContext): SafeHtml {
  const resolved = resolve(schema, context);
  const properties = asSchema(resolved.properties);
  if (!properties) {
    const inner = nested(schema, context);
    return html`<div><span class="type">${typeLabel(schema, context)}</span>${inner}</div>`;
  }
  const required = new Set(strings(resolved.required));
  return html`<ul class="fields">${Object.entries(properties).map(([name, value]) => field(name, asSchema(value) ?? {}, required.has(name), context))}</ul>`;
}
