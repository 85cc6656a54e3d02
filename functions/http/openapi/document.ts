/**
 * The OpenAPI 3.1 document of the native API, built from the route table and the zod schemas: request
 * bodies and query parameters are the very schemas the handlers check with, converted by zod, so the
 * document cannot promise what the API refuses. Built once per process; nothing here does I/O.
 */
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { PERSON_ACTIONS, IntakeBody } from '../native/schemas.js';
import { ROUTES, type RouteSpec } from '../routes.js';
import { ACTION_BODIES, type PersonAction } from './actions.js';
import { AppraisalResult } from './appraisal-shape.js';
import { AvailableActions, BoardMap, BoardSummary, CityDirectory, EscalationFeed, OutlineCollection } from './board-shapes.js';
import { ActionResult, BoardPage, CaseView, Health, InboxItem, InboxPage, IntakeResult, TrackView } from './case-shapes.js';
import { RatingBody } from '../native/track.js';
import { jsonSchemaOf, parametersOf } from './json-schema.js';
import { OPEN311_ERRORS_SCHEMA, OPEN311_PATHS, OPEN311_TAG } from './open311.js';
import { OPERATIONS, PATH_PARAMETERS, type TagName } from './operations.js';
import { ProblemDetails, problemResponseName, problemResponses } from './problem-shape.js';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, RequestBody, Response } from './types.js';

/** The version of the API contract (not of the package): raised when what clients may rely on changes. */
export const API_VERSION = '0.1.0';

const TAGS: Record<TagName, string> = {
  Cases: 'One door in: take a case in, act on it along its lifecycle, read it with its timeline.',
  Queries: 'The read side: a unit’s inbox, the warning and overdue boards, the monthly appraisal.',
  Platform: 'Liveness and this description of the API.',
  Citizens: 'One door out: a citizen follows their case and rates its handling without an account.',
};

/** Component schemas, each a zod schema (classic or mini); the action bodies are added as `ActionBody.<action>`. */
const SHAPES: Record<string, $ZodType> = {
  IntakeBody, IntakeResult, CaseView, ActionResult, InboxItem, InboxPage, BoardPage, AppraisalResult, Health, ProblemDetails, RatingBody, TrackView,
  BoardSummary, BoardMap, EscalationFeed, CityDirectory, OutlineCollection, AvailableActions,
};

export const actionBodyName = (action: string) => `ActionBody.${action}`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function pathParameters(path: string): Parameter[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => {
    const description = PATH_PARAMETERS[name];
    if (description === undefined) throw new Error(`the path parameter {${name}} of ${path} is not described in PATH_PARAMETERS`);
    const schema = name === 'action' ? jsonSchemaOf(z.enum(PERSON_ACTIONS as [string, ...string[]])) : { type: 'string', minLength: 1 };
    return { name, in: 'path', required: true, description, schema };
  });
}

function requestBody(kind: 'intake' | 'action' | 'rating'): RequestBody {
  if (kind === 'intake') return { required: true, content: { 'application/json': { schema: ref('IntakeBody') } } };
  if (kind === 'rating') return { required: true, content: { 'application/json': { schema: ref('RatingBody') } } };
  return {
    required: true,
    description: 'The fields of the action the path names, as a JSON object (an action without fields takes `{}`); a `type` field is refused, the path names the action.',
    content: { 'application/json': { schema: { anyOf: PERSON_ACTIONS.map((action) => ref(actionBodyName(action))) } } },
  };
}

function operation(route: RouteSpec): Operation {
  const doc = OPERATIONS[route.handler];
  const headers = (doc.headers ?? []).map(({ name, description, pattern }): Parameter => ({ name, in: 'header', required: false, description, schema: { type: 'string', pattern } }));
  const query = doc.query ? parametersOf(doc.query).map((parameter): Parameter => ({ ...parameter, in: 'query' })) : [];
  const responses: Record<string, Response | { $ref: string }> = {};
  for (const ok of doc.ok) {
    const mediaType = ok.mediaType ?? 'application/json';
    const schema: JsonSchema = ok.schema ? ref(ok.schema) : mediaType === 'text/html' ? { type: 'string' } : { type: 'object' };
    responses[String(ok.status)] = {
      description: ok.description,
      ...(ok.location ? { headers: { Location: { description: 'The case’s URL.', schema: { type: 'string' } } } } : {}),
      content: { [mediaType]: { schema } },
    };
  }
  for (const status of doc.problems) responses[String(status)] = { $ref: `#/components/responses/${problemResponseName(status)}` };
  return {
    operationId: route.handler,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    parameters: [...pathParameters(route.path), ...query, ...headers],
    ...(doc.body ? { requestBody: requestBody(doc.body) } : {}),
    responses,
    security: route.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
  };
}

export function openApiDocument({ serverUrl, version }: { serverUrl: string; version: string }): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of ROUTES) {
    // The Open311 prefix is one route to API Gateway; its operations are described under the Open311 tag.
    if (route.method === 'ANY') continue;
    const method = route.method === 'GET' ? 'get' : 'post';
    paths[route.path] = { ...paths[route.path], [method]: operation(route) };
  }
  const schemas: Record<string, JsonSchema> = Object.fromEntries(Object.entries(SHAPES).map(([name, schema]) => [name, jsonSchemaOf(schema)]));
  for (const [action, schema] of Object.entries(ACTION_BODIES) as [PersonAction, z.ZodType][]) schemas[actionBodyName(action)] = jsonSchemaOf(schema);
  schemas.Open311Errors = OPEN311_ERRORS_SCHEMA;
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Civic Loop API',
      description:
        'Civic Loop runs municipal case handling in a city’s own AWS account: every citizen request and every problem a grid worker finds enters through one door, goes to the one unit responsible, runs against a deadline on a working-day calendar and escalates up five layers when it slips. This API takes cases in, lets departments and the command centre act on them, and reads inboxes, warning boards and the monthly appraisal of departments, answering every error as RFC 9457 problem details.',
      version,
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl }],
    tags: [...(Object.entries(TAGS) as [TagName, string][]).map(([name, description]) => ({ name, description })), OPEN311_TAG],
    paths: { ...paths, ...OPEN311_PATHS },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT from the city’s identity provider (Amazon Cognito; on the local platform, POST /local/token). The role is the strongest of `cognito:groups`; `custom:unitId` and `custom:scopeUnitId` name the caller’s unit and territory.',
        },
      },
      schemas,
      responses: problemResponses(),
    },
  };
}
