/**
 * The native API's request bodies. zod checks shape and limits at the door (every problem named by its
 * field); the lifecycle then checks what only it knows (the stage, the actor, the deadlines). zod/mini,
 * parsed through `validate` (../validation.ts says why); the descriptions are registered for the OpenAPI
 * document, which classic zod converts at build.
 */
import * as z from 'zod/mini';
import { CHANNELS } from '../../domain/case/events.js';
import { REQUEST_TYPES, URGENCIES } from '../../domain/city/schema.js';
import { COMMAND_TYPES } from '../../domain/case/transitions.js';
import { described } from '../validation.js';

/**
 * Builds a schema. Marked free of side effects (as in `domain/city/schema.ts`), so a bundle that imports
 * this module only for PERSON_ACTIONS (the case's action menu) leaves the schemas out, and zod with them.
 */
/* @__NO_SIDE_EFFECTS__ */
function schema<T>(build: () => T): T {
  return build();
}

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max} characters`));

// The descriptions are for the OpenAPI document and its docs page (GET /openapi.json, GET /docs).
export const IntakeBody = schema(() =>
  z.strictObject({
    channel: described(z.enum(CHANNELS), 'The door the case came in by.'),
    categoryCode: described(text(16), 'A category of the city’s catalogue; it decides the time limits and who is responsible.'),
    urgency: described(z.optional(z.enum(URGENCIES)), 'The category’s default when absent.'),
    requestType: z.optional(z.enum(REQUEST_TYPES)),
    location: described(
      z.optional(z.strictObject({ lon: z.number().check(z.gte(-180), z.lte(180)), lat: z.number().check(z.gte(-90), z.lte(90)) })),
      'WGS 84; must lie inside one of the city’s grids. Locates the case and, with the category, its lead unit.',
    ),
    gridId: described(z.optional(text(80)), 'The grid, when the reporter knows it (a grid worker) and no location is sent.'),
    address: z.optional(text(500)),
    description: described(text(4000), 'What is wrong, in the reporter’s words. Stored exactly as given and returned as text: markup such as <b> & <script> is not interpreted.'),
    externalId: described(z.optional(text(200)), 'The id the case has in the channel’s own system (a hotline ticket); a repeat with the same channel and externalId yields the same case.'),
    reporter: described(
      z.optional(z.strictObject({ name: z.optional(text(100)), phone: z.optional(text(32)), email: z.optional(z.email('must be an email address')) })),
      'How to reach whoever raised the case, so the answer goes back through the door it came in by. Absent for the city’s own finds.',
    ),
    attributes: described(
      z.optional(z.record(z.string().check(z.maxLength(50)), z.union([z.string().check(z.maxLength(4000)), z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50))]))),
      'Answers to the category’s fields (its Open311 attributes), by field code; a list for a multi-value field. Checked against each field’s type; none is required at intake.',
    ),
    photoUrls: described(z.optional(z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).check(z.maxLength(20))), 'Photos travel as http(s) URLs, never in the body.'),
  }),
);
export type IntakeBody = z.infer<typeof IntakeBody>;

/** Commands only the system issues (the workflow's own steps); people cannot send them. */
const SYSTEM_COMMANDS = new Set(['route', 'escalate', 'noteDeadlineMissed']);
export const PERSON_ACTIONS = COMMAND_TYPES.filter((type) => !SYSTEM_COMMANDS.has(type));

/** An action's body: its own fields, checked by the lifecycle, which names any missing or wrong one. */
export const ActionBody = schema(() => z.record(z.string(), z.unknown()).check(z.refine((body) => !('type' in body), 'the action is named by the path, not by a "type" field')));
