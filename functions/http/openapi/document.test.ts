/**
 * The OpenAPI document against what it describes. No OpenAPI validator is installed (and no package ships
 * the OpenAPI 3.1 schema), so the essentials are asserted directly: the version, every route with its
 * method and path parameters, request bodies and query parameters that are exactly zod's conversion of
 * the handlers' schemas, problem responses, references that resolve, and every embedded schema valid
 * JSON Schema 2020-12 (ajv's meta-schema).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { TRANSITIONS } from '../../domain/case/transitions.js';
import { AppraisalQuery, BoardQuery, PageQuery } from '../native/queries.js';
import { IntakeBody, PERSON_ACTIONS } from '../native/schemas.js';
import { ROUTES } from '../routes.js';
import { ACTION_BODIES, type PersonAction } from './actions.js';
import { actionBodyName, openApiDocument } from './document.js';
import { newAjv } from './schema-validator.fixture.js';
import { isRef, type JsonSchema, type Method, type Operation, type Response } from './types.js';

const doc = openApiDocument({ serverUrl: 'https://api.example.gov.cn', version: '9.9.9' });
const zodJson = (schema: $ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};
const operationOf = (path: string, method: string): Operation => {
  const operation = doc.paths[path]?.[method.toLowerCase() as Method];
  if (!operation) throw new Error(`no ${method} ${path}`);
  return operation;
};
const resolve = (ref: string): unknown => ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
const allOperations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the platform described, its server and the bearer scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Civic Loop API', version: '9.9.9' });
    expect(doc.info.description.split(/(?<=\.)\s+/)).toHaveLength(2);
    expect(doc.servers).toEqual([{ url: 'https://api.example.gov.cn' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('has every route of the route table with its method, auth and every path parameter', () => {
    for (const route of ROUTES.filter((candidate) => candidate.method !== 'ANY')) {
      const operation = operationOf(route.path, route.method);
      expect(operation.operationId).toBe(route.handler);
      expect(operation.security).toEqual(route.auth === 'jwt' ? [{ bearerAuth: [] }] : []);
    }
    for (const { path, method, operation } of allOperations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = operation.parameters.filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name).sort(), `${method} ${path}`).toEqual(inPath);
      expect(declared.every((parameter) => parameter.required)).toBe(true);
    }
    expect(new Set(allOperations.map(({ operation }) => operation.operationId)).size).toBe(allOperations.length);
  });

  it('documents the intake body as exactly zod’s conversion of the schema the handler checks with', () => {
    expect(operationOf('/cases', 'POST').requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/IntakeBody' });
    expect(doc.components.schemas.IntakeBody).toEqual(zodJson(IntakeBody));
  });

  it('documents one body per action a person may take, each zod’s conversion, with the fields the lifecycle requires', () => {
    const operation = operationOf('/cases/{caseId}/actions/{action}', 'POST');
    expect(operation.parameters.find((parameter) => parameter.name === 'action')?.schema.enum).toEqual(PERSON_ACTIONS);
    expect(Object.keys(ACTION_BODIES).sort()).toEqual([...PERSON_ACTIONS].sort());
    const alternatives = operation.requestBody?.content['application/json']?.schema.anyOf as { $ref: string }[];
    expect(alternatives.map((alternative) => alternative.$ref)).toEqual(PERSON_ACTIONS.map((action) => `#/components/schemas/${actionBodyName(action)}`));
    for (const action of PERSON_ACTIONS as PersonAction[]) {
      const schema = resolve(`#/components/schemas/${actionBodyName(action)}`) as JsonSchema;
      expect(schema, action).toEqual(zodJson(ACTION_BODIES[action] as z.ZodType));
      const required = (schema.required ?? []) as string[];
      const properties = Object.keys(schema.properties as object);
      for (const requirement of TRANSITIONS[action].requires) {
        const options = requirement.split('|');
        // A single field is required; of alternatives (`uphold|leadId`) each is a field, none required alone.
        if (options.length === 1) expect(required, action).toContain(requirement);
        else for (const option of options) expect(properties, action).toContain(option);
      }
    }
  });

  it('documents query parameters as the handlers’ zod query schemas', () => {
    for (const [path, schema] of [['/units/{unitId}/inbox', PageQuery], ['/board/{unitId}', BoardQuery], ['/appraisal', AppraisalQuery]] as const) {
      const json = zodJson(schema);
      const query = operationOf(path, 'GET').parameters.filter((parameter) => parameter.in === 'query');
      expect(query.map((parameter) => parameter.name)).toEqual(Object.keys(json.properties as object));
      for (const parameter of query) {
        const { description, ...property } = (json.properties as Record<string, JsonSchema>)[parameter.name]!;
        expect(parameter.schema, parameter.name).toEqual(property);
        expect(parameter.description).toBe(description);
        expect(parameter.required).toBe(((json.required ?? []) as string[]).includes(parameter.name));
      }
    }
  });

  it('answers errors as problem details, and each route names the problems it can answer', () => {
    const problem = doc.components.schemas.ProblemDetails as { properties: Record<string, JsonSchema>; required: string[] };
    expect(Object.keys(problem.properties).sort()).toEqual(['code', 'detail', 'errors', 'instance', 'status', 'title', 'type']);
    expect(problem.required.sort()).toEqual(['detail', 'status', 'title', 'type']);
    expect(Object.keys((problem.properties.errors!.items as { properties: object }).properties)).toEqual(['field', 'reason']);
    expect(Object.values(doc.components.responses).filter((response) => response.content?.['application/problem+json'])).toHaveLength(8);
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422]) {
      const act = operationOf('/cases/{caseId}/actions/{action}', 'POST').responses[String(status)];
      expect(act, String(status)).toBeDefined();
      const response = (isRef(act) ? resolve(act.$ref) : act) as Response;
      expect(response.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    }
    for (const route of ROUTES.filter((candidate) => candidate.auth === 'jwt')) {
      expect(Object.keys(operationOf(route.path, route.method).responses), route.path).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('lists the Open311 GeoReport v2 paths under a tag pointing to the spec', () => {
    expect(doc.tags.find((tag) => tag.name === 'Open311')?.externalDocs?.url).toMatch(/open311\.org/);
    const open311 = allOperations.filter(({ operation }) => operation.tags.includes('Open311'));
    expect(open311.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      [
        'get /open311/v2/discovery.{format}',
        'get /open311/v2/requests.{format}',
        'get /open311/v2/requests/{service_request_id}.{format}',
        'get /open311/v2/services.{format}',
        'get /open311/v2/services/{service_code}.{format}',
        'get /open311/v2/tokens/{token}.{format}',
        'post /open311/v2/requests.{format}',
      ].sort(),
    );
    expect(operationOf('/open311/v2/requests.{format}', 'POST').requestBody?.content).toHaveProperty(['application/x-www-form-urlencoded']);
    expect(open311.every(({ operation }) => operation.parameters.some((parameter) => parameter.name === 'format' && parameter.schema.enum))).toBe(true);
  });

  it('has only references that resolve, and only schemas that are valid JSON Schema 2020-12', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        if (isRef(node)) refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolve(ref), ref).toBeDefined();

    const ajv = newAjv();
    const schemas: JsonSchema[] = [
      ...Object.values(doc.components.schemas),
      ...allOperations.flatMap(({ operation }) => operation.parameters.map((parameter) => parameter.schema)),
    ];
    for (const schema of schemas) expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
  });

  it('is plain JSON: what it serves is what it builds', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
