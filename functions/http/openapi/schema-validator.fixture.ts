/**
 * For tests: checks values against the document's component schemas with ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1), the way a generated client would, but closed: a field the document does not
 * describe is an error too, so a handler cannot grow an undocumented field unnoticed.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from './types.js';

const COMPONENTS_ID = 'urn:civic-loop:openapi';

/** Every object schema with properties and no rule of its own for other fields gets `unevaluatedProperties: false`. */
function closed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closed);
  if (typeof value !== 'object' || value === null) return value;
  const schema: JsonSchema = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, closed(inner)]));
  if (schema.properties !== undefined && schema.additionalProperties === undefined) schema.unevaluatedProperties = false;
  return schema;
}

export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

export function documentValidator(doc: OpenApiDocument): (schemaName: string, value: unknown) => string | undefined {
  const ajv = newAjv();
  // The document's `#/components/schemas/...` references resolve inside this wrapper exactly as in the document.
  ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: closed(doc.components.schemas) } });
  return (schemaName, value) => {
    const validate = ajv.getSchema(`${COMPONENTS_ID}#/components/schemas/${schemaName}`);
    if (!validate) return `no schema ${schemaName}`;
    return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: schemaName });
  };
}
