/**
 * What the Open311 tests share: a real local platform (the tiny city, dynalite in memory, the ASL on the
 * local engine, a manual clock), the endpoint wired to it, the Open311 project's JSON Schemas, and a
 * strict little XML reader to parse answers back.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../domain/case/events.js';
import type { CaseIntake } from '../../domain/case/intake.js';
import { TINY_IDS, tinyCity } from '../../domain/testing/tiny-city.js';
import type { Clock } from '../../ports/clock.js';
import { ManualClock } from '../../../local/clock.js';
import { startLocalPlatform, type LocalPlatform } from '../../../local/platform.js';
import { handleOpen311 } from './handler.js';
import type { Open311Deps, Open311Request, Open311Response } from './types.js';

/** A local time in Kaifeng as epoch ms. */
export const kaifeng = (local: string): number => Date.parse(`${local}+08:00`);

export const API_KEY = 'key-of-the-kaifeng-app';
export const OTHER_KEY = 'key-of-a-web-form';
export const BASE_URL = 'https://civic.example.cn/open311/v2';
export const BUREAU = TINY_IDS.departments.urbanManagement;
/** Inside Tieta grid 1 (Daxing subdistrict, Longting district). */
export const TIETA = { lat: 34.7825, long: 114.3025 };

/**
 * The i-th of 72 points in Tieta community, about 110 m apart: reports of one category at one spot would
 * be merged as duplicates (并单), so tests that need separate cases report from separate spots.
 */
export function spot(i: number): { lat: number; long: number } {
  if (!Number.isInteger(i) || i < 0 || i >= 72) throw new RangeError(`spot ${i} is not one of the 72`);
  return { lat: Number((34.7805 + Math.floor(i / 8) * 0.001).toFixed(4)), long: Number((114.3005 + (i % 8) * 0.0012).toFixed(4)) };
}

/** A spot as form fields. */
export const at = (i: number): { lat: string; long: string } => ({ lat: String(spot(i).lat), long: String(spot(i).long) });

export const DISPATCHER: Actor = { kind: 'dispatcher', id: 'dispatcher-sun' };
export const staff = (unitId: string): Actor => ({ kind: 'unitStaff', id: `staff-of-${unitId}`, unitId });
export const gridWorker = (gridId: string): Actor => ({ kind: 'gridWorker', id: 'grid-worker-liu', unitId: gridId });

export interface Call {
  method?: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: string | Record<string, string | readonly string[]>;
}

export interface Open311Harness {
  platform: LocalPlatform;
  clock: ManualClock;
  deps: Open311Deps;
  warnings: string[];
  call(path: string, call?: Call): Promise<Open311Response>;
  /** A form POST of `requests.<format>` with the app's key unless the fields say otherwise. */
  post(fields: Record<string, string | readonly string[]>, options?: { format?: 'json' | 'xml'; headers?: Record<string, string> }): Promise<Open311Response>;
  /** A case through another door (the hotline), as the case service takes it. */
  intake(overrides?: Partial<CaseIntake>): Promise<string>;
  act(caseId: string, command: Parameters<LocalPlatform['service']['act']>[1], actor: Actor): Promise<void>;
  /** Carries a dispatched case to closure with the given answer. */
  close(caseId: string, answer: string): Promise<void>;
  advanceTo(local: string): Promise<void>;
  /** The endpoint's deps with another clock (to ask "the last 90 days" from later on without moving the platform). */
  at(clock: Clock): Open311Deps;
}

export const form = (fields: Record<string, string | readonly string[]>): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const each of typeof value === 'string' ? [value] : value) params.append(name, each);
  }
  return params.toString();
};

/** Starts a platform for the calling test file and stops it after. */
export function useOpen311(options: { start?: string } = {}): Open311Harness {
  const harness = { warnings: [] as string[] } as unknown as Open311Harness;
  beforeAll(async () => {
    const clock = new ManualClock(kaifeng(options.start ?? '2026-12-01T09:00:00')); // a Tuesday
    const platform = await startLocalPlatform({ city: tinyCity(), clock, warn: (message) => harness.warnings.push(message) });
    const settle = () => platform.workflow.idle();
    const deps: Open311Deps = {
      service: platform.service,
      store: platform.store,
      city: platform.city,
      clock,
      apiKeys: new Map([
        [API_KEY, { clientName: 'kaifeng-app' }],
        [OTHER_KEY, { clientName: 'web-form' }],
      ]),
      baseUrl: BASE_URL,
      warn: (message) => harness.warnings.push(message),
    };
    Object.assign(harness, {
      platform,
      clock,
      deps,
      call: async (path: string, call: Call = {}) => {
        const body = call.body === undefined || typeof call.body === 'string' ? call.body : form(call.body);
        const request: Open311Request = {
          method: call.method ?? 'GET',
          path,
          query: call.query ?? {},
          headers: call.headers ?? {},
          ...(body !== undefined ? { body } : {}),
        };
        const response = await handleOpen311(request, deps);
        await settle(); // the workflow routes what was just created
        return response;
      },
      post: (fields: Record<string, string | readonly string[]>, postOptions: { format?: 'json' | 'xml'; headers?: Record<string, string> } = {}) =>
        harness.call(`requests.${postOptions.format ?? 'json'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...postOptions.headers },
          body: { api_key: API_KEY, ...fields },
        }),
      intake: async (overrides: Partial<CaseIntake> = {}) => {
        const { caseId } = await platform.service.intake(
          {
            channel: 'hotline',
            categoryCode: TINY_IDS.categories.litterBin,
            description: 'Caller Li Lei says the bin outside No. 5 is broken',
            location: { lat: TIETA.lat, lon: TIETA.long },
            reporter: { name: 'Li Lei', phone: '+8613800000009' },
            ...overrides,
          },
          { kind: 'dispatcher', id: 'hotline-operator' },
        );
        await settle();
        return caseId;
      },
      act: async (caseId: string, command: Parameters<LocalPlatform['service']['act']>[1], actor: Actor) => {
        await platform.service.act(caseId, command, actor);
        await settle();
      },
      close: async (caseId: string, answer: string) => {
        const state = (await platform.service.load(caseId)).state;
        const lead = staff(state.leadId ?? BUREAU);
        await harness.act(caseId, { type: 'accept' }, lead);
        await harness.act(caseId, { type: 'reportResult', text: 'Done', photoUrls: [] }, lead);
        await harness.act(caseId, { type: 'verify', passed: true }, gridWorker(state.gridId ?? 'tieta-1'));
        await harness.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
        await harness.act(caseId, { type: 'close', answer }, DISPATCHER);
      },
      advanceTo: (local: string) => clock.advanceTo(kaifeng(local), settle),
      at: (other: Clock) => ({ ...deps, clock: other }),
    });
    await settle();
  });
  afterAll(async () => harness.platform?.stop());
  return harness;
}

// ---------- JSON: the Open311 project's schemas ----------

const SCHEMAS = ['request', 'requests', 'service', 'services', 'service-definition'] as const;
export type SchemaName = (typeof SCHEMAS)[number];

/** The schemas live beside the project (`../shared/open311/schema/`), where CI provides them too. */
const schemaUrl = (name: SchemaName) => new URL(`../../../../shared/open311/schema/${name}.json`, import.meta.url);

let validators: Map<SchemaName, ValidateFunction> | undefined;

/** Validators compiled once; the schemas declare no draft, so ajv's default (draft-07) reads them. */
function compiled(): Map<SchemaName, ValidateFunction> {
  if (validators) return validators;
  // Not strict: the published schemas put `minItems` beside `$ref` inside `items`, which strict mode refuses.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const name of SCHEMAS) ajv.addSchema(JSON.parse(readFileSync(schemaUrl(name), 'utf8')) as object, `${name}.json`);
  validators = new Map(SCHEMAS.map((name) => [name, ajv.getSchema(`${name}.json`) as ValidateFunction]));
  return validators;
}

/** The schema's complaints about a parsed JSON body, as readable strings (empty when valid). */
export function schemaErrors(name: SchemaName, body: unknown): string[] {
  const validate = compiled().get(name);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

// ---------- XML: a strict reader for what the endpoint writes ----------

export interface XmlNode {
  name: string;
  children: XmlNode[];
  /** The element's text (only for elements without children). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`unescaped markup in text: ${text.slice(0, 60)}`);
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (ENTITIES[ref] as string),
  );
}

/**
 * Parses the subset the endpoint writes — the declaration, elements without attributes, escaped text —
 * and throws on anything else (an unescaped `<` or `&`, a tag closed out of order, trailing content),
 * so a broken document can never pass as a parsed one.
 */
export function parseXml(document: string): XmlNode {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>';
  if (!document.startsWith(declaration)) throw new Error('no XML declaration');
  const tokens = document.slice(declaration.length).split(/(<\/?[A-Za-z_][A-Za-z0-9_.-]*>)/).filter((token) => token !== '');
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  for (const token of tokens) {
    const open = /^<([A-Za-z_][A-Za-z0-9_.-]*)>$/.exec(token);
    const close = /^<\/([A-Za-z_][A-Za-z0-9_.-]*)>$/.exec(token);
    if (open) {
      if (root && stack.length === 0) throw new Error('content after the root element');
      const node: XmlNode = { name: open[1] as string, children: [], text: '' };
      if (stack.length > 0) stack.at(-1)!.children.push(node);
      else root = node;
      stack.push(node);
    } else if (close) {
      const node = stack.pop();
      if (!node || node.name !== close[1]) throw new Error(`</${close[1]}> closes ${node ? `<${node.name}>` : 'nothing'}`);
      if (node.children.length > 0 && node.text.trim() !== '') throw new Error(`<${node.name}> mixes text and elements`);
    } else {
      const node = stack.at(-1);
      if (!node) throw new Error(`text outside the root element: ${token.slice(0, 40)}`);
      node.text += unescape(token);
    }
  }
  if (!root || stack.length > 0) throw new Error('the document is not complete');
  return root;
}

/** The text of the first child with that name (undefined when absent). */
export const childText = (node: XmlNode, name: string): string | undefined => node.children.find((child) => child.name === name)?.text;

/**
 * An XML element as the JSON the same answer would carry: text stays text (XML has no types), lists are
 * the elements listed by `listNames`. Lets a test compare the two formats field by field.
 */
export function xmlAsJson(node: XmlNode, listNames: ReadonlySet<string>): unknown {
  if (listNames.has(node.name)) return node.children.map((child) => xmlAsJson(child, listNames));
  if (node.children.length === 0) return node.text;
  return Object.fromEntries(node.children.map((child) => [child.name, xmlAsJson(child, listNames)]));
}

/** JSON with every scalar as text, the way XML carries it. */
export function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, asText(field)]));
  return String(value);
}

export const LIST_ELEMENTS = new Set(['service_requests', 'services', 'attributes', 'values', 'endpoints', 'formats', 'errors', 'duplicates']);

export const json = (response: Open311Response): unknown => JSON.parse(response.body) as unknown;
export type RequestJson = Record<string, unknown> & { service_request_id: string; status: string };
export const requestsOf = (response: Open311Response): RequestJson[] => json(response) as RequestJson[];
