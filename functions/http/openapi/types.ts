/**
 * The part of OpenAPI 3.1 this API's document uses, typed so the builder cannot misspell a field and the
 * docs page can walk the document it renders. Schemas stay plain JSON Schema 2020-12 objects, as zod emits them.
 */
export type JsonSchema = { [keyword: string]: unknown };

export interface Ref {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface MediaType {
  schema: JsonSchema;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  content: Record<string, MediaType>;
}

export interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
}

export type Method = 'get' | 'post';

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Record<string, Response | Ref>;
  /** `[]` for a public operation; the bearer scheme otherwise. */
  security: Record<string, string[]>[];
}

export interface Tag {
  name: string;
  description: string;
  externalDocs?: { url: string; description?: string };
}

export interface OpenApiDocument {
  openapi: string;
  jsonSchemaDialect: string;
  info: { title: string; description: string; version: string; license: { name: string; identifier: string } };
  servers: { url: string; description?: string }[];
  tags: Tag[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: {
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
  };
}

export const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
