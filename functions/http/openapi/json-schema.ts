/**
 * zod schemas as the JSON Schema an OpenAPI 3.1 document embeds. Requests are described as clients send them
 * (`io: 'input'`: a field with a default is optional), in JSON Schema 2020-12, the dialect of OpenAPI 3.1.
 * Any zod 4 schema: the answers' shapes are classic zod, the handlers' request schemas zod/mini (one core,
 * one conversion), so the types are core's.
 */
import { z } from 'zod';
import type { $ZodObject, $ZodType } from 'zod/v4/core';
import type { JsonSchema } from './types.js';

export const TO_JSON_SCHEMA = { io: 'input', target: 'draft-2020-12' } as const;

export function jsonSchemaOf(schema: $ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, TO_JSON_SCHEMA) as JsonSchema;
  // Inside an OpenAPI document `#/$defs/...` would resolve against the document, not the schema, and
  // dangle; zod only emits $defs for recursive schemas, which this API does not have. Refuse rather than
  // publish a broken reference.
  if (JSON.stringify(rest).includes('"#/$defs/')) throw new Error('a schema with $defs cannot be embedded in the OpenAPI document');
  return rest;
}

/** A zod object's properties as separate parameters (query strings have no nesting). */
export function parametersOf(schema: $ZodObject): { name: string; required: boolean; description?: string; schema: JsonSchema }[] {
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    required: required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: property,
  }));
}
