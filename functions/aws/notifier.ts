/** Notices through SNS: SMS to phone numbers, email to the recipient's topic (named by `topics.ts`). */
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../adapters/sns/index.js';
import type { CityConfig, Department, Office, OrgUnit } from '../domain/city/schema.js';
import { loadUnitContactsOnFirstRead } from '../domain/notices/directory.js';
import type { Notifier } from '../ports/notifier.js';
import { city, withContacts } from './city.js';
import { readEnv } from './env.js';
import { tracer } from './observability.js';
import { once } from './once.js';
import { topicArnResolver, topicsOfCity } from './topics.js';

export const notifier = once((): Notifier => {
  const env = readEnv(['NOTICE_TOPIC_ARN_PREFIX', 'SMS_SENDER_ID', 'SMS_ORIGINATION_NUMBER', 'SMS_LANGUAGE']);
  // Notices go to the units' contacts: the one part of the platform that reads them puts them in place (in
  // the city every part of this function shares), when a notice first reads one, not at cold start. Putting
  // them in place makes an object per unit and head (16,000 for the demo city: ~20 ms of a cold start on
  // the bench machine), and many runs read none: the digest writes to offices, whose contacts are in the
  // city file, and the closing step mostly to reporters, whose contacts are in the case.
  const { city: config } = city();
  const loadContacts = (): void => {
    withContacts();
  };
  loadUnitContactsOnFirstRead(config, loadContacts);
  // The stack made a topic for exactly these recipients; one it did not is reported as such, not published to.
  return new SnsNotifier({
    client: tracer.captureAWSv3Client(new SNSClient({})),
    topicArnFor: topicArnResolver(env.NOTICE_TOPIC_ARN_PREFIX, new KnownTopics(config, loadContacts, city().routing.unitsById)),
    sms: {
      ...(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SMS_ORIGINATION_NUMBER ? { originationNumber: env.SMS_ORIGINATION_NUMBER } : {}),
      ...(env.SMS_LANGUAGE ? { language: env.SMS_LANGUAGE } : {}),
    },
  });
});

type TopicCity = Pick<CityConfig, 'units' | 'departments' | 'offices'>;

/**
 * The suffixes of the email topics the stack made for a city (`topicsOfCity`), asked one recipient at a
 * time: listing them all reads every unit's contacts (the demo city's 8,000 records), where a notice reads
 * the few it is for. `has` answers from the recipient's own contacts; the rest of the set lists them all.
 * `beforeUnitContacts` puts the units' contacts in place, if they may not be yet, before any is read.
 * `unitsById`, the runtime city's lookup (routing's), finds a unit without reading `city.units`, which
 * would decode every unit of the city (`units-on-demand.ts`); ids are unique in a validated city.
 */
export class KnownTopics implements ReadonlySet<string> {
  private readonly city: TopicCity;
  private readonly beforeUnitContacts: () => void;
  private readonly unitsById: ReadonlyMap<string, OrgUnit> | undefined;
  private byId: { units: Map<string, OrgUnit[]> | undefined; departments: Map<string, Department[]>; offices: Map<string, Office[]> } | undefined;
  private listed: Set<string> | undefined;

  constructor(city: TopicCity, beforeUnitContacts: () => void = () => undefined, unitsById?: ReadonlyMap<string, OrgUnit>) {
    this.city = city;
    this.beforeUnitContacts = beforeUnitContacts;
    this.unitsById = unitsById;
  }

  private unitsWithId(id: string, grouped: Map<string, OrgUnit[]> | undefined): OrgUnit[] {
    if (!this.unitsById) return grouped?.get(id) ?? [];
    const unit = this.unitsById.get(id);
    return unit ? [unit] : [];
  }

  /** Whether `topicsOfCity` names the topic: a party of that kind and id with an email address. */
  has(suffix: string): boolean {
    const dash = suffix.indexOf('-');
    if (dash < 0) return false;
    const kind = suffix.slice(0, dash);
    const id = suffix.slice(dash + 1);
    // As `topicsOfCity`: units and departments make `unit` and `unitHead` topics, offices `office` ones.
    const { units, departments, offices } = (this.byId ??= { units: this.unitsById ? undefined : byId(this.city.units), departments: byId(this.city.departments), offices: byId(this.city.offices) });
    if (kind === 'office') return (offices.get(id) ?? []).some((office) => office.contacts.email.length > 0);
    if (kind !== 'unit' && kind !== 'unitHead') return false;
    const unitParties = this.unitsWithId(id, units);
    // A department's contacts, like an office's, are in the city file: asking of one never loads the units'.
    if (unitParties.length > 0) this.beforeUnitContacts();
    const parties = [...unitParties, ...(departments.get(id) ?? [])];
    return kind === 'unit' ? parties.some((party) => party.contacts.email.length > 0) : parties.some((party) => Boolean(party.head?.email));
  }

  get size(): number {
    return this.all().size;
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const suffix of this.all()) callback.call(thisArg, suffix, suffix, this);
  }

  entries(): SetIterator<[string, string]> {
    return this.all().entries();
  }

  keys(): SetIterator<string> {
    return this.all().keys();
  }

  values(): SetIterator<string> {
    return this.all().values();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.all().values();
  }

  private all(): Set<string> {
    if (!this.listed) this.beforeUnitContacts();
    return (this.listed ??= new Set(topicsOfCity(this.city).map((topic) => topic.suffix)));
  }
}

/** Everything with an id, grouped by id (a valid city has one of each; `topicsOfCity` allows more). Reads no contacts. */
function byId<T extends { id: string }>(items: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const list = grouped.get(item.id);
    if (list) list.push(item);
    else grouped.set(item.id, [item]);
  }
  return grouped;
}
