/**
 * `POST requests`: a citizen's report becomes a case through the one door every channel uses,
 * `CaseService.intake`, with channel `open311`. The case exists when the answer is sent, so the answer
 * carries its `service_request_id` (never a token).
 */
import type { Actor } from '../../domain/case/events.js';
import { DomainError } from '../../domain/case/errors.js';
import type { CaseIntake } from '../../domain/case/intake.js';
import { badRequest, forbidden } from './errors.js';
import { intakeKeys } from './idempotency.js';
import { pick, type Language } from './language.js';
import { closingCondition } from './names.js';
import { formValue, readPost, type PostedRequest } from './post-form.js';
import type { Value } from './render.js';
import type { Open311Deps } from './types.js';

const HAN = /^\p{Script=Han}+$/u;

/** Chinese names are family name first with no space (张 + 三 → 张三); others are "first last". */
function reporterName(first: string | undefined, last: string | undefined): string | undefined {
  if (first && last) return HAN.test(first) && HAN.test(last) ? `${last}${first}` : `${first} ${last}`;
  return first ?? last;
}

/**
 * The case's intake. Without a point the case has no grid: routing then sends it to the command centre
 * for a decision (a territorial category) or straight to its owner (a category with one owner), and a
 * dispatcher places it from the address.
 */
export function intakeOf(deps: Open311Deps, posted: PostedRequest): CaseIntake {
  const { city } = deps.city;
  const name = reporterName(posted.firstName, posted.lastName);
  const reporter = { ...(name ? { name } : {}), ...(posted.phone ? { phone: posted.phone } : {}), ...(posted.email ? { email: posted.email } : {}) };
  // The spec's address_id refers to a master address repository this platform does not have: it is kept
  // as text beside the address, for the dispatcher who places the case.
  const address = [posted.addressString, posted.addressId ? `[address_id ${posted.addressId}]` : undefined].filter(Boolean).join(' ');
  return {
    channel: 'open311',
    categoryCode: posted.category.code,
    // Open311 makes the description optional; a case needs one, so the service's name (in the city's
    // language, for its dispatchers) stands in.
    description: posted.description ?? pick(posted.category.name, city.locale === 'en' ? 'en' : 'zh'),
    ...(posted.location ? { location: posted.location } : {}),
    ...(address !== '' ? { address } : {}),
    ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
    ...(posted.mediaUrl ? { photoUrls: [posted.mediaUrl] } : {}),
    ...(Object.keys(posted.attributes).length > 0 ? { attributes: posted.attributes } : {}),
  };
}

export interface PostResult {
  created: boolean;
  caseId: string;
  body: Value[];
}

export async function postRequest(deps: Open311Deps, form: URLSearchParams, headers: Record<string, string>, language: Language): Promise<PostResult> {
  const apiKey = formValue(form, 'api_key');
  if (apiKey === undefined) throw forbidden('api_key is required to submit a service request');
  const client = deps.apiKeys.get(apiKey);
  if (!client) throw forbidden('api_key is not valid');

  const posted = readPost(deps.city, form);
  const now = deps.clock.now();
  const keys = intakeKeys(apiKey, form, headers['idempotency-key'], now, deps.city.city.calendar.timeZone);
  let caseId: string | undefined;
  let created = false;
  if (keys.previousDayExternalId) {
    // The same report sent just before midnight: answered with that case.
    const earlier = await deps.store.findByExternalId('open311', keys.previousDayExternalId);
    if (earlier !== undefined && (await deps.store.loadEvents(earlier)).length > 0) caseId = earlier;
  }
  if (caseId === undefined) {
    const actor: Actor = { kind: 'citizen', id: `open311:${client.clientName}` };
    try {
      const result = await deps.service.intake(intakeOf(deps, posted), actor, { idempotencyKey: keys.key });
      caseId = result.caseId;
      created = result.created;
    } catch (error) {
      // Checked above already; the domain's own refusal (a rule this module does not know) is still the client's 400.
      if (error instanceof DomainError) throw badRequest([error.message]);
      throw error;
    }
  }
  const notice = closingCondition(deps.city, posted.category.code, now, language);
  return {
    created,
    caseId,
    body: [{ service_request_id: caseId, service_notice: notice, ...(posted.accountId ? { account_id: posted.accountId } : {}) }],
  };
}
