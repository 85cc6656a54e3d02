/**
 * The Open311 GeoReport v2 endpoint, in brief: its paths under one tag that points to the spec, which
 * defines the fields and both formats. Kept small on purpose; the endpoint lives in `http/open311/`.
 */
import type { JsonSchema, Operation, Parameter, Response, Tag } from './types.js';

const BASE = '/open311/v2';
const SPEC = 'https://wiki.open311.org/GeoReport_v2';

export const OPEN311_TAG: Tag = {
  name: 'Open311',
  description: 'The Open311 GeoReport v2 endpoint for third-party apps: services, service requests and tokens, in JSON or XML. Requests posted here enter through the same one door as every other case.',
  externalDocs: { url: SPEC, description: 'GeoReport v2 specification' },
};

const string = (description: string): JsonSchema => ({ type: 'string', description });
const param = (name: string, where: 'path' | 'query', description: string, schema: JsonSchema = { type: 'string' }): Parameter => ({
  name,
  in: where,
  required: where === 'path',
  description,
  schema,
});

const FORMAT = param('format', 'path', 'The format of the answer: `json` or `xml`.', { type: 'string', enum: ['json', 'xml'] });
const JURISDICTION = param('jurisdiction_id', 'query', 'The city this endpoint serves; optional where it serves one.');

/** GeoReport v2 answers in the format the path names, with the spec's fields; errors are a list of code and description. */
const answer = (description: string): Response => ({
  description: `${description} Fields as GeoReport v2 defines them.`,
  content: { 'application/json': { schema: { type: 'array' } }, 'text/xml': { schema: { type: 'string' } } },
});
const ERRORS: Record<string, Response> = Object.fromEntries(
  (
    [
      ['400', 'A parameter is missing or wrong.'],
      ['403', 'The api_key is missing or not known (POST).'],
      ['404', 'No such resource, or a format other than json or xml.'],
    ] as const
  ).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Open311Errors' } }, 'text/xml': { schema: { type: 'string' } } } },
  ]),
);

export const OPEN311_ERRORS_SCHEMA: JsonSchema = {
  type: 'array',
  description: 'GeoReport v2 errors (in XML: <errors><error>…).',
  items: { type: 'object', properties: { code: { type: 'integer' }, description: { type: 'string' } }, required: ['code', 'description'] },
};

const get = (operationId: string, summary: string, parameters: Parameter[], ok: string): Operation => ({
  operationId,
  tags: [OPEN311_TAG.name],
  summary,
  parameters: [...parameters, FORMAT, JURISDICTION],
  responses: { '200': answer(ok), ...ERRORS },
  security: [],
});

const POST_FORM: JsonSchema = {
  type: 'object',
  required: ['api_key', 'service_code'],
  properties: {
    api_key: string('The key issued to the client.'),
    service_code: string('From the service list.'),
    lat: { type: 'number' },
    long: { type: 'number' },
    address_string: { type: 'string' },
    description: { type: 'string' },
    media_url: { type: 'string', format: 'uri' },
    email: { type: 'string' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    phone: { type: 'string' },
  },
  description: 'A location (lat and long, or address_string) is required; the service definition may ask for attribute[code] fields.',
};

export const OPEN311_PATHS: Record<string, { get: Operation; post?: Operation }> = {
  [`${BASE}/discovery.{format}`]: { get: get('open311Discovery', 'Discovery: the endpoints and formats', [], 'The discovery document.') },
  [`${BASE}/services.{format}`]: { get: get('open311Services', 'The service list', [], 'The services, one per category.') },
  [`${BASE}/services/{service_code}.{format}`]: {
    get: get('open311ServiceDefinition', 'A service’s definition (its attributes)', [param('service_code', 'path', 'From the service list.')], 'The service definition.'),
  },
  [`${BASE}/requests.{format}`]: {
    get: get(
      'open311Requests',
      'Service requests',
      ['service_request_id', 'service_code', 'start_date', 'end_date', 'status'].map((name) => param(name, 'query', 'A filter, as GeoReport v2 defines it.')),
      'The matching requests.',
    ),
    post: {
      ...get('open311PostRequest', 'Post a service request', [], ''),
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: POST_FORM } } },
      responses: { '201': answer('The new request’s id, or a token.'), '200': answer('A repeat of an earlier post: its request.'), ...ERRORS },
    },
  },
  [`${BASE}/requests/{service_request_id}.{format}`]: {
    get: get('open311Request', 'One service request', [param('service_request_id', 'path', 'The request’s id.')], 'The request.'),
  },
  [`${BASE}/tokens/{token}.{format}`]: {
    get: get('open311Token', 'The request id a token stands for', [param('token', 'path', 'The token a POST answered with.')], 'The token and the request id, once known.'),
  },
};
