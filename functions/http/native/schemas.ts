/**
 * The native API's request bodies. zod checks shape and limits at the door (every problem named by its
 * field); the lifecycle then checks what only it knows (the stage, the actor, the deadlines).
 */
import { z } from 'zod';
import { CHANNELS } from '../../domain/case/events.js';
import { REQUEST_TYPES, URGENCIES } from '../../domain/city/schema.js';
import { COMMAND_TYPES } from '../../domain/case/transitions.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const IntakeBody = z.strictObject({
  channel: z.enum(CHANNELS),
  categoryCode: text(16),
  urgency: z.enum(URGENCIES).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  location: z.strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  gridId: text(80).optional(),
  address: text(500).optional(),
  description: text(4000),
  externalId: text(200).optional(),
  reporter: z
    .strictObject({ name: text(100).optional(), phone: text(32).optional(), email: z.email('must be an email address').optional() })
    .optional(),
  photoUrls: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).max(20).optional(),
});
export type IntakeBody = z.infer<typeof IntakeBody>;

/** Commands only the system issues (the workflow's own steps); people cannot send them. */
const SYSTEM_COMMANDS = new Set(['route', 'escalate', 'noteDeadlineMissed']);
export const PERSON_ACTIONS = COMMAND_TYPES.filter((type) => !SYSTEM_COMMANDS.has(type));

/** An action's body: its own fields, checked by the lifecycle, which names any missing or wrong one. */
export const ActionBody = z.record(z.string(), z.unknown()).refine((body) => !('type' in body), 'the action is named by the path, not by a "type" field');
