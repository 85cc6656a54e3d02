/**
 * The daily digest to supervisors (督查): each supervision office gets, once a day, the open cases on the
 * warning and overdue boards of the units it serves — the nearest supervision office at or above a case's
 * supervising unit, as escalations find one. Offices with nothing on their boards get nothing.
 *
 * A digest is about many cases, not one: its notice is keyed by the day (`digest:<YYYY-MM-DD>`) in place
 * of a case id, so a re-run on the same day re-sends the same notice ids and a log can tell them apart.
 */
import type { LocalizedText } from '../domain/city/schema.js';
import { territorialChain } from '../domain/geo/territory.js';
import { directoryOf } from '../domain/notices/directory.js';
import { localTime } from '../domain/notices/local-time.js';
import type { BoardStatus, CaseProjection, CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Notice, Notifier } from '../ports/notifier.js';
import type { CityContext } from './city-context.js';

export interface DigestDeps {
  store: CaseStore;
  notifier: Notifier;
  city: CityContext;
  clock: Clock;
  warn?: (message: string, error: unknown) => void;
}

export interface DigestReport {
  /** The city's local date the digest is for. */
  day: string;
  /** Open cases on a board. */
  cases: number;
  notices: Notice[];
  /** Board cases no supervision office serves (a configuration gap, reported, not dropped silently). */
  unserved: string[];
}

/** Cases listed by id in one digest; the rest are counted. SMS carry at most ~1,600 bytes per Publish. */
export const LISTED = 5;

interface OfficeDigest {
  officeId: string;
  overdue: CaseProjection[];
  warning: CaseProjection[];
}

const byDue = (a: CaseProjection, b: CaseProjection) => (a.nextDueAt ?? '').localeCompare(b.nextDueAt ?? '') || a.state.id.localeCompare(b.state.id);

function bodyOf(digest: OfficeDigest, timeZone: string, day: string): LocalizedText {
  const listed = [...digest.overdue, ...digest.warning].slice(0, LISTED);
  const lines = listed.map((p) => {
    const due = p.nextDueAt ? localTime(p.nextDueAt, timeZone) : '—';
    return { zh: `${p.state.id} ${p.boardStatus === 'overdue' ? '已超期' : '临期'} 期限 ${due}`, en: `${p.state.id} ${p.boardStatus ?? ''} due ${due}` };
  });
  const more = digest.overdue.length + digest.warning.length - listed.length;
  return {
    zh: [`${day} 督办日报：超期 ${digest.overdue.length} 件，临期 ${digest.warning.length} 件。`, ...lines.map((l) => l.zh), ...(more > 0 ? [`另有 ${more} 件，请登录平台查看。`] : [])].join('\n'),
    en: [`Supervision digest for ${day}: ${digest.overdue.length} overdue, ${digest.warning.length} near their deadline.`, ...lines.map((l) => l.en), ...(more > 0 ? [`${more} more on the board.`] : [])].join('\n'),
  };
}

export async function sendDailyDigest({ store, notifier, city, clock, warn }: DigestDeps): Promise<DigestReport> {
  const now = clock.now();
  const { timeZone } = city.city.calendar;
  const day = localTime(new Date(now).toISOString(), timeZone).slice(0, 10);
  const directory = directoryOf(city.city, city.routing);
  const offices = new Map<string, OfficeDigest>();
  const unserved: string[] = [];
  let cases = 0;

  const officeFor = (unitId: string): string | undefined => {
    for (const unit of territorialChain(directory.units, unitId)) {
      const office = directory.officeAt(unit.id, 'supervisionOffice');
      if (office) return office.id;
    }
    // A supervising unit that is a department (not in the territorial tree) falls to the city's office.
    return directory.root ? directory.officeAt(directory.root.id, 'supervisionOffice')?.id : undefined;
  };

  let cursor: string | undefined;
  do {
    const page = await store.listOpenCases(cursor);
    for (const projection of page.items) {
      const status: BoardStatus | undefined = projection.boardStatus;
      if (!status) continue;
      cases++;
      const officeId = officeFor(projection.supervisingUnitId);
      if (!officeId) {
        unserved.push(projection.state.id);
        continue;
      }
      let digest = offices.get(officeId);
      if (!digest) offices.set(officeId, (digest = { officeId, overdue: [], warning: [] }));
      digest[status].push(projection);
    }
    cursor = page.cursor;
  } while (cursor);
  if (unserved.length > 0) warn?.(`digest ${day}: no supervision office serves ${unserved.length} board case(s): ${unserved.slice(0, 10).join(', ')}`, undefined);

  const notices: Notice[] = [];
  for (const digest of [...offices.values()].sort((a, b) => a.officeId.localeCompare(b.officeId))) {
    digest.overdue.sort(byDue);
    digest.warning.sort(byDue);
    const party = directory.party(digest.officeId);
    if (!party) continue;
    const digestId = `digest:${day}`;
    notices.push({
      id: `${digestId}#0#office:${party.id}`,
      caseId: digestId,
      eventSeq: 0,
      topic: 'digest.daily',
      recipient: { kind: 'office', id: party.id, name: party.name, sms: [...party.contacts.sms], email: [...party.contacts.email] },
      subject: {
        zh: `督办日报 ${day}：超期 ${digest.overdue.length}，临期 ${digest.warning.length}`,
        en: `Supervision digest ${day}: ${digest.overdue.length} overdue, ${digest.warning.length} warning`,
      },
      body: bodyOf(digest, timeZone, day),
      createdAt: new Date(now).toISOString(),
    });
  }
  if (notices.length > 0) await notifier.send(notices);
  return { day, cases, notices, unserved };
}
