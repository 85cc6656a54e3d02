/**
 * The email topic of each recipient, named the same way by the CDK construct (which creates one topic per
 * recipient that has email addresses, with those addresses subscribed) and by the Lambda functions (which
 * publish to it). A name is derived, never looked up, so a function needs only the ARN prefix.
 */
import type { CityConfig } from '../domain/city/schema.js';
import type { Recipient } from '../ports/notifier.js';

export interface TopicSpec {
  /** The topic's name after the stack's prefix: `<recipient kind>-<id>`. */
  suffix: string;
  kind: 'unit' | 'unitHead' | 'office';
  id: string;
  emails: string[];
}

/** Ids are `[a-z0-9-]`, at most 80 characters, so the suffix is always a valid topic name part. */
export const topicSuffix = (kind: TopicSpec['kind'], id: string): string => `${kind}-${id}`;

/** SNS topic names: 1-256 letters, digits, hyphens and underscores. */
export const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Every topic a city needs, in a stable order: units and departments (`unit`, as the notices address both),
 * their heads (`unitHead`), and offices (`office`), each only when it has an email address.
 */
export function topicsOfCity(city: Pick<CityConfig, 'units' | 'departments' | 'offices'>): TopicSpec[] {
  const specs: TopicSpec[] = [];
  const seen = new Set<string>();
  const add = (kind: TopicSpec['kind'], id: string, emails: readonly string[]) => {
    const unique = [...new Set(emails)];
    const suffix = topicSuffix(kind, id);
    // Ids are unique across the lists in a valid city; the notices take the first, and so does this.
    if (unique.length === 0 || seen.has(suffix)) return;
    seen.add(suffix);
    specs.push({ suffix, kind, id, emails: unique });
  };
  for (const party of [...city.units, ...city.departments]) add('unit', party.id, party.contacts.email);
  for (const party of [...city.units, ...city.departments]) add('unitHead', party.id, party.head?.email ? [party.head.email] : []);
  for (const office of city.offices) add('office', office.id, office.contacts.email);
  return specs;
}

/** The adapter's `topicArnFor`: a reporter has no topic (SNS mails only confirmed subscribers). */
export function topicArnResolver(arnPrefix: string, known?: ReadonlySet<string>): (recipient: Recipient) => string | undefined {
  return (recipient) => {
    if (recipient.kind === 'reporter') return undefined;
    const suffix = topicSuffix(recipient.kind, recipient.id);
    // With the city's topic list at hand, a recipient the stack made no topic for is named as such by the
    // adapter ("no email topic") instead of failing on a publish to a topic that does not exist.
    if (known && !known.has(suffix)) return undefined;
    return `${arnPrefix}${suffix}`;
  };
}
