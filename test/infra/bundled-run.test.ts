/**
 * Bundled functions run end to end, as deployed: the folder `buildBundles` makes (esbuild, its aliases and
 * swc's second pass), imported in a fresh Node process with a Lambda's environment, invoked with API
 * Gateway's events. The tests elsewhere run the sources; this runs what ships: the DynamoDB client against
 * dynalite, the Step Functions client against a recording endpoint that answers as the service does, and
 * the tracer in Lambda's mode, sending its segments to a local X-Ray daemon address.
 */
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCaseStore } from '../../functions/adapters/dynamodb/index.js';
import { tableDefinition } from '../../functions/adapters/dynamodb/table.js';
import { CaseService } from '../../functions/app/case-service.js';
import { createCityContext } from '../../functions/app/city-context.js';
import { Supervision } from '../../functions/app/supervision.js';
import { withoutWorkflow } from '../../functions/aws/service-without-workflow.js';
import { ENTRY_POINTS } from '../../functions/aws/entry-points.js';
import { runtimeFileKindsFor, runtimeFilesBeside, runtimeFilesOf, toRuntimeJson } from '../../functions/aws/runtime-city.js';
import { TINY_IDS, tinyCity, tinyGridId } from '../../functions/domain/testing/tiny-city.js';
import { BUNDLE, buildBundles } from '../../infra/bundling.js';
import { ensureTable } from '../../local/dynamo.js';

const run = promisify(execFile);
const TABLE = 'civic-loop-cases';
const ALIAS = 'arn:aws:states:ap-east-1:123456789012:stateMachine:CaseSupervision:live';
const REPORT = {
  channel: 'hotline' as const,
  categoryCode: TINY_IDS.categories.litterBin,
  description: 'The litter bin at the corner is broken',
  location: { lon: 114.3025, lat: 34.7825 },
  reporter: { name: 'Zhang San', phone: '+8613800000001' },
};
const TOPIC_PREFIX = 'arn:aws:sns:ap-east-1:123456789012:CivicLoop-';
const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

/** Imports the handler as Lambda's runtime does, invokes it once and writes its result to a file (stdout carries the logs). */
const INVOKE = `
import { writeFileSync } from 'node:fs';
const [file, event, out] = process.argv.slice(1);
const { handler } = await import(file);
const context = { awsRequestId: 'request-1', functionName: 'bundled', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:bundled', memoryLimitInMB: '1024', logGroupName: 'group', logStreamName: 'stream', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 20000 };
writeFileSync(out, JSON.stringify(await handler(JSON.parse(event), context)));
`;

const httpEvent = (method: string, path: string, routeKey: string, options: { body?: unknown; pathParameters?: Record<string, string> } = {}) => ({
  version: '2.0',
  routeKey,
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', host: 'api.example.org' },
  ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
  requestContext: {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example.org',
    domainPrefix: 'api',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bundled-run' },
    authorizer: { jwt: { claims: { sub: 'dispatcher-sun', 'cognito:groups': '[dispatcher]' }, scopes: [] } },
    requestId: 'request-1',
    routeKey,
    stage: '$default',
    time: '30/Nov/2026:09:00:00 +0000',
    timeEpoch: Date.now(),
  },
  ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  isBase64Encoded: false,
});

/** A local HTTP endpoint that hands each request's body and headers to `answer` and sends back what it returns. */
async function recordingEndpoint(answer: (body: string, headers: IncomingHttpHeaders) => { contentType: string; body: string }): Promise<Server> {
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const { contentType, body } = answer(text, request.headers);
      response.writeHead(200, { 'content-type': contentType });
      response.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return server;
}

describe('bundled functions, run end to end as deployed', () => {
  const names = ['intake', 'get-case', 'digest'];
  let root: string;
  let dynamo: ReturnType<typeof dynalite>;
  let stepFunctions: Server;
  let sns: Server;
  let daemon: Socket;
  const sfnCalls: { target: string; body: Record<string, unknown> }[] = [];
  const published: URLSearchParams[] = [];
  const segments: string[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'civic-bundled-run-'));
    const entries = ENTRY_POINTS.filter((entry) => names.includes(entry.name));
    const bundles = buildBundles(resolve('.'), entries, join(root, '.build'));
    const files = runtimeFilesOf(tinyCity(), 'tiny');
    for (const entry of entries) {
      bundles.copyTo(entry.name, join(root, entry.name));
      const paths = runtimeFilesBeside(join(root, entry.name, BUNDLE.cityFileName));
      for (const kind of runtimeFileKindsFor(entry.uses)) writeFileSync(paths[kind], toRuntimeJson(files[kind]));
    }

    dynamo = dynalite({ createTableMs: 0 });
    await new Promise<void>((done) => dynamo.listen(0, '127.0.0.1', () => done()));
    const dynamoUrl = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
    await ensureTable(new DynamoDBClient({ endpoint: dynamoUrl, region: 'ap-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }), tableDefinition(TABLE));

    // Step Functions' JSON protocol: the operation in X-Amz-Target, the input as JSON.
    stepFunctions = await recordingEndpoint((text, headers) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      sfnCalls.push({ target: String(headers['x-amz-target']), body });
      return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ executionArn: `${String(body.stateMachineArn)}:${String(body.name)}`, startDate: Date.now() / 1000 }) };
    });
    // SNS's query protocol: a form in, XML out.
    sns = await recordingEndpoint((text) => {
      published.push(new URLSearchParams(text));
      const n = published.length;
      return {
        contentType: 'text/xml',
        body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>message-${n}</MessageId></PublishResult><ResponseMetadata><RequestId>request-${n}</RequestId></ResponseMetadata></PublishResponse>`,
      };
    });

    daemon = createSocket('udp4');
    daemon.on('message', (message) => segments.push(message.toString('utf8')));
    await new Promise<void>((done) => daemon.bind(0, '127.0.0.1', () => done()));

    env = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'ap-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: 'test',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(stepFunctions.address() as AddressInfo).port}`,
      AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${(sns.address() as AddressInfo).port}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_FUNCTION_NAME: 'bundled',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: root,
      _X_AMZN_TRACE_ID: TRACE,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
      TABLE_NAME: TABLE,
      STATE_MACHINE_ALIAS_ARN: ALIAS,
      NOTICE_TOPIC_ARN_PREFIX: TOPIC_PREFIX,
      CITY_FILE: BUNDLE.cityFileName,
      POWERTOOLS_SERVICE_NAME: 'civic-loop',
      POWERTOOLS_METRICS_NAMESPACE: 'CivicLoop',
      APP_VERSION: 'test',
    };
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((done) => dynamo.close(() => done()));
    await new Promise<void>((done) => stepFunctions.close(() => done()));
    await new Promise<void>((done) => sns.close(() => done()));
    daemon.close();
    rmSync(root, { recursive: true, force: true });
  });

  const invokeRaw = async (name: string, event: unknown): Promise<unknown> => {
    const out = join(root, `${name}.result.json`);
    await run(process.execPath, ['--input-type=module', '-e', INVOKE, join(root, name, BUNDLE.handlerFile), JSON.stringify(event), out], { env });
    return JSON.parse(readFileSync(out, 'utf8'));
  };
  const invoke = async (name: string, event: unknown): Promise<{ statusCode: number; body: Record<string, unknown> }> => {
    const result = (await invokeRaw(name, event)) as { statusCode: number; body: string };
    return { statusCode: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
  };

  it('takes a case in, starts its supervision and shows it, traced', async () => {
    const taken = await invoke('intake', httpEvent('POST', '/cases', 'POST /cases', { body: REPORT }));
    expect(taken.statusCode, JSON.stringify(taken.body)).toBe(201);
    expect(taken.body).toMatchObject({ created: true, stage: 'received', routing: { kind: 'routed', leadId: TINY_IDS.departments.urbanManagement } });
    const caseId = String(taken.body.caseId);
    expect(sfnCalls).toEqual([{ target: 'AWSStepFunctions.StartExecution', body: expect.objectContaining({ stateMachineArn: ALIAS, name: caseId }) as unknown }]);

    const shown = await invoke('get-case', httpEvent('GET', `/cases/${caseId}`, 'GET /cases/{caseId}', { pathParameters: { caseId } }));
    expect(shown.statusCode, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toMatchObject({ id: caseId, stage: 'received', gridId: tinyGridId(TINY_IDS.communities.tieta, 1) });

    // The tracer in Lambda's mode: subsegments of the handler and of its AWS calls reach the daemon.
    await new Promise((done) => setTimeout(done, 200));
    const sent = segments.map((segment) => segment.slice(segment.indexOf('\n') + 1)).join('\n');
    expect(sent).toContain('"name":"## index.handler"');
    expect(sent).toContain('"ColdStart":true');
    expect(sent).toMatch(/"name":"DynamoDB".*"operation":"BatchWriteItem"/);
    expect(sent).toMatch(/"name":"SFN".*"operation":"StartExecution"/);
    expect(sent).toMatch(/"name":"DynamoDB".*"operation":"Query"/);
  });

  it('sends the daily digest of the open cases to the offices through SNS', async () => {
    // A case ten days old, routed then, whose deadlines have all passed: it is on the overdue board.
    let now = Date.now() - 10 * 24 * 3600_000;
    const clock = { now: () => now };
    const store = createDynamoCaseStore({ client: new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: 'ap-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }), tableName: TABLE });
    // The workflow's steps are taken by hand here: starting one is a no-op, and nothing else may reach it.
    const workflow = { ...withoutWorkflow, startSupervision: () => Promise.resolve() };
    const service = new CaseService({ store, workflow, clock, city: createCityContext(tinyCity()) });
    const steps = new Supervision({ service, store, notifier: { send: () => Promise.reject(new Error('the steps here send nothing')) }, workflow });
    const { caseId } = await service.intake({ ...REPORT, channel: 'hotline', description: 'An old report nobody took up' }, { kind: 'dispatcher', id: 'dispatcher-sun' });
    const routed = await steps.routeCase({ caseId, generation: 1 });
    now = Date.now();
    await steps.applyMilestone(routed);
    expect((await store.getProjection(caseId))?.boardStatus).toBe('overdue');

    // EventBridge Scheduler's event carries nothing the digest reads.
    const report = (await invokeRaw('digest', { source: 'aws.scheduler', 'detail-type': 'Scheduled Event', detail: {} })) as { offices: number; cases: number };
    expect(report.cases).toBeGreaterThan(0);
    expect(report.offices).toBeGreaterThan(0);
    // Each office by email (its topic) and by SMS (each of its numbers), the case named in every message.
    for (const form of published) {
      expect(form.get('Action')).toBe('Publish');
      expect(form.get('Message')).toContain(caseId);
    }
    const topics = published.map((form) => form.get('TopicArn')).filter((arn) => arn !== null);
    expect(topics).toHaveLength(report.offices);
    for (const arn of topics) expect(arn).toMatch(new RegExp(`^${TOPIC_PREFIX}office-`));
    expect(published.filter((form) => /^\+\d{8,15}$/.test(form.get('PhoneNumber') ?? '')).length).toBeGreaterThan(0);
  });
});
