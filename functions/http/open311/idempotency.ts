/**
 * Which intake key makes a retried POST yield the case the first attempt made. Mobile clients retry when
 * an answer is lost, and a citizen taps "send" twice; neither may open two cases.
 *
 * - With an `Idempotency-Key` header, the client decides: the key (per api_key) names one case forever.
 * - Without one, the request itself is the key: the same api_key sending the same parameters (device_id,
 *   account_id, contacts, place, text, attributes, everything but the key) on the same local day is the
 *   same report. The day bounds the window, so the same text sent again a week later is a new case; a
 *   retry that straddles midnight is caught by also looking at the previous day's key.
 *
 * Keys are hashed: they fit the store's 512-character limit, and no api_key is ever written to the table.
 */
import { createHash } from 'node:crypto';

const digest = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url');

export interface IntakeKeys {
  /** The key to claim, `open311#…`, as `CaseService.intake` takes it. */
  key: string;
  /** The external id (the key without `open311#`) the same request had on the previous day, to look up first. */
  previousDayExternalId?: string;
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
function localDay(now: number, timeZone: string, daysBack = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now - daysBack * 24 * 3600_000);
}

export function intakeKeys(apiKey: string, form: URLSearchParams, idempotencyHeader: string | undefined, now: number, timeZone: string): IntakeKeys {
  const client = digest(`api_key:${apiKey}`).slice(0, 22);
  if (idempotencyHeader !== undefined && idempotencyHeader.trim() !== '') {
    return { key: `open311#idem#${client}#${digest(idempotencyHeader.trim())}` };
  }
  // The parameters in a fixed order, so the same form written in another order is the same request.
  const fields = [...form.entries()].filter(([name]) => name !== 'api_key').sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const fingerprint = digest(JSON.stringify(fields));
  const externalId = (day: string) => `form#${client}#${day}#${fingerprint}`;
  return { key: `open311#${externalId(localDay(now, timeZone))}`, previousDayExternalId: externalId(localDay(now, timeZone, 1)) };
}
