/** The topics the SNS notifier may publish to, asked one recipient at a time (`KnownTopics`). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CityConfig } from '../domain/city/schema.js';
import { tinyCity } from '../domain/testing/tiny-city.js';
import { loadRuntimeCity } from './city.js';
import { KnownTopics } from './notifier.js';
import { recordFile, runtimeFilesOf, toRuntimeJson, writeRuntimeFiles } from './runtime-city.js';
import { topicsOfCity } from './topics.js';

const city = tinyCity();
const suffixesToAsk = (of: CityConfig): string[] => {
  const ids = [...of.units, ...of.departments, ...of.offices].map((party) => party.id);
  return [...['unit', 'unitHead', 'office', 'reporter', 'unitX'].flatMap((kind) => [...ids, 'nobody'].map((id) => `${kind}-${id}`)), 'unit', ''];
};

describe('the known topics', () => {
  it('are exactly the topics the stack makes, whoever has an address, whatever repeats', () => {
    const pick = <T>(items: readonly T[]) => fc.subarray([...items.keys()]).map((keys) => new Set(keys));
    fc.assert(
      fc.property(pick(city.units), pick(city.units), pick(city.offices), fc.boolean(), (noEmail, noHeadEmail, officeNoEmail, repeat) => {
        const units = city.units.map((unit, i) => ({
          ...unit,
          contacts: noEmail.has(i) ? { ...unit.contacts, email: [] } : { ...unit.contacts, email: [`${unit.id}@x.example`, `${unit.id}@x.example`] },
          ...(unit.head ? { head: noHeadEmail.has(i) ? { name: unit.head.name } : { ...unit.head, email: `head-${unit.id}@x.example` } } : {}),
        }));
        const offices = city.offices.map((office, i) => (officeNoEmail.has(i) ? { ...office, contacts: { ...office.contacts, email: [] } } : office));
        // A department with a unit's id (refused by the validation, allowed by `topicsOfCity`).
        const departments = repeat ? [...city.departments, { ...city.departments[0]!, id: units[0]!.id, contacts: { email: ['twin@x.example'], sms: [] } }] : city.departments;
        const variant = { ...city, units, offices, departments };
        const listed = new Set(topicsOfCity(variant).map((topic) => topic.suffix));
        const known = new KnownTopics(variant);
        for (const suffix of suffixesToAsk(variant)) expect(known.has(suffix), suffix).toBe(listed.has(suffix));
        expect([...known]).toEqual([...listed]);
        expect(known.size).toBe(listed.size);
      }),
      { numRuns: 40 },
    );
  });

  it('read only the contacts of the recipient asked about', () => {
    // Unit 2's record damaged: asking about any other unit never reads it.
    const cityFile = join(mkdtempSync(join(tmpdir(), 'civic-topics-')), 'city.json');
    const records = city.units.map(({ contacts, head }, i) => (i === 2 ? '#' : toRuntimeJson(head ? { contacts, head } : { contacts })));
    writeRuntimeFiles({ ...runtimeFilesOf(city, 'abc'), contacts: recordFile({ format: 'civic-loop/runtime-contacts@2', sourceSha256: 'abc' }, [], records) }, cityFile);
    const runtime = loadRuntimeCity(cityFile);
    runtime.withContacts();
    const known = new KnownTopics(runtime.context.city);
    const listed = new Set(topicsOfCity(city).map((topic) => topic.suffix));
    for (const unit of city.units.filter((_, i) => i !== 2)) {
      for (const kind of ['unit', 'unitHead']) expect(known.has(`${kind}-${unit.id}`)).toBe(listed.has(`${kind}-${unit.id}`));
    }
    expect(() => known.has(`unit-${city.units[2]!.id}`)).toThrow(/damaged \(record 2/);
  });
});
