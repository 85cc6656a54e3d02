/**
 * The native API's request bodies. zod checks shape and limits at the door (every problem named by its
 * field); the lifecycle then checks what only it knows (the stage, the actor, the deadlines).
 */
import { z } from 'zod';
import { CHANNELS } from '../../domain/case/events.js';
import { REQUEST_TYPES, URGENCIES } from '../../domain/city/schema.js';
import { COMMAND_TYPES } from '../../domain/case/transitions.js';

/**
 * Builds a schema. Marked free of side effects (as in `domain/city/schema.ts`), so a bundle that imports
 * this module only for PERSON_ACTIONS (the case's action menu) leaves the schemas out, and zod with them.
 */
/* @__NO_SIDE_EFFECTS__ */
function schema<T>(build: () => T): T {
  return build();
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

// The descriptions are for the OpenAPI document and its docs page (GET /openapi.json, GET /docs).
export const IntakeBody = schema(() =>
  z.strictObject({
    channel: z.enum(CHANNELS).meta({ description: 'The door the case came in by.' }),
    categoryCode: text(16).meta({ description: 'A category of the city’s catalogue; it decides the time limits and who is responsible.' }),
    urgency: z.enum(URGENCIES).optional().meta({ description: 'The category’s default when absent.' }),
    requestType: z.enum(REQUEST_TYPES).optional(),
    location: z
      .strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
      .optional()
      .meta({ description: 'WGS 84; must lie inside one of the city’s grids. Locates the case and, with the category, its lead unit.' }),
    gridId: text(80).optional().meta({ description: 'The grid, when the reporter knows it (a grid worker) and no location is sent.' }),
    address: text(500).optional(),
    description: text(4000).meta({ description: 'What is wrong, in the reporter’s words. Stored exactly as given and returned as text: markup such as <b> & <script> is not interpreted.' }),
    externalId: text(200).optional().meta({ description: 'The id the case has in the channel’s own system (a hotline ticket); a repeat with the same channel and externalId yields the same case.' }),
    reporter: z
      .strictObject({ name: text(100).optional(), phone: text(32).optional(), email: z.email('must be an email address').optional() })
      .optional()
      .meta({ description: 'How to reach whoever raised the case, so the answer goes back through the door it came in by. Absent for the city’s own finds.' }),
    attributes: z
      .record(z.string().max(50), z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)]))
      .optional()
      .meta({ description: 'Answers to the category’s fields (its Open311 attributes), by field code; a list for a multi-value field. Checked against each field’s type; none is required at intake.' }),
    photoUrls: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).max(20).optional().meta({ description: 'Photos travel as http(s) URLs, never in the body.' }),
  }),
);
export type IntakeBody = z.infer<typeof IntakeBody>;

/** Commands only the system issues (the workflow's own steps); people cannot send them. */
const SYSTEM_COMMANDS = new Set(['route', 'escalate', 'noteDeadlineMissed']);
export const PERSON_ACTIONS = COMMAND_TYPES.filter((type) => !SYSTEM_COMMANDS.has(type));

/** An action's body: its own fields, checked by the lifecycle, which names any missing or wrong one. */
export const ActionBody = schema(() => z.record(z.string(), z.unknown()).refine((body) => !('type' in body), 'the action is named by the path, not by a "type" field'));
