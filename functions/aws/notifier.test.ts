/** The topics the SNS notifier may publish to, asked one recipient at a time (`KnownTopics`). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeTo } from '../domain/case/test-support.js';
import type { CityConfig } from '../domain/city/schema.js';
import { actors, newRun, receivedOf } from '../domain/notices/notices.fixture.js';
import { noticesFor } from '../domain/notices/index.js';
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

/** Runtime files of the tiny city in a fresh folder; returns the runtime city file's path. */
function runtimeCityFile(): string {
  const cityFile = join(mkdtempSync(join(tmpdir(), 'civic-notifier-')), 'city.json');
  writeRuntimeFiles(runtimeFilesOf(city, 'abc'), cityFile);
  return cityFile;
}

describe("the units' contacts of a function that notifies", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('are put in place when the known topics are first asked of a unit, not of an office or a department', () => {
    const runtime = loadRuntimeCity(runtimeCityFile());
    let loads = 0;
    const known = new KnownTopics(runtime.context.city, () => {
      loads++;
      runtime.withContacts();
    });
    const listed = new Set(topicsOfCity(city).map((topic) => topic.suffix));
    for (const party of [...city.offices, ...city.departments]) {
      for (const kind of ['office', 'unit', 'unitHead']) expect(known.has(`${kind}-${party.id}`)).toBe(listed.has(`${kind}-${party.id}`));
    }
    expect(loads).toBe(0);
    for (const unit of city.units) expect(known.has(`unitHead-${unit.id}`)).toBe(listed.has(`unitHead-${unit.id}`));
    expect(loads).toBeGreaterThan(0);
    expect([...known]).toEqual([...listed]);
  });

  it('are not read at cold start, and are there when a notice is first composed', async () => {
    vi.stubEnv('CITY_FILE', runtimeCityFile());
    vi.stubEnv('NOTICE_TOPIC_ARN_PREFIX', 'arn:aws:sns:ap-east-1:123456789012:CivicLoop-');
    const { notifier } = await import('./notifier.js');
    const { city: cityContext } = await import('./city.js');
    // The notices module the fresh notifier registered with (the modules were reset for a fresh process).
    const { noticesFor: compose } = await import('../domain/notices/index.js');
    notifier();
    const { city: config } = cityContext();
    // Until a notice reads one, the stand-ins of a function that does not notify, which throw by name.
    expect(() => config.units[0]!.contacts.sms).toThrow(/did not load the units' contacts/);

    const run = newRun(city);
    const events = run.do(routeTo(), actors.router);
    const plan = compose(events, run.state, config, { received: receivedOf(run) });
    expect(plan).toEqual(noticesFor(events, run.state, city, { received: receivedOf(run) }));
    expect(plan.notices).not.toEqual([]);
    expect(config.units[0]!.contacts).toEqual(city.units[0]!.contacts);
  });
});

describe("a function that notifies, on the runtime city's units looked up one at a time", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('composes a notice and asks its topics without decoding every unit, and answers as over the whole city', async () => {
    vi.stubEnv('CITY_FILE', runtimeCityFile());
    vi.stubEnv('NOTICE_TOPIC_ARN_PREFIX', 'arn:aws:sns:ap-east-1:123456789012:CivicLoop-');
    const { notifier } = await import('./notifier.js');
    const { city: cityContext, withContacts } = await import('./city.js');
    const { unitsOnDemandOf } = await import('./units-on-demand.js');
    const { noticesFor: compose } = await import('../domain/notices/index.js');
    notifier();
    const context = cityContext();
    const everyUnit = vi.spyOn(unitsOnDemandOf(context.city) as unknown as { everyUnit: () => unknown }, 'everyUnit');
    const run = newRun(city);
    const events = run.do(routeTo(), actors.router);
    // What the supervision step does (functions/app/notices.ts): the directory over routing's lookup.
    const plan = compose(events, run.state, context.city, { received: receivedOf(run), units: context.routing });
    expect(plan).toEqual(noticesFor(events, run.state, city, { received: receivedOf(run) }));
    expect(plan.notices).not.toEqual([]);
    const known = new KnownTopics(context.city, () => void withContacts(), context.routing.unitsById);
    const listed = new Set(topicsOfCity(city).map((topic) => topic.suffix));
    for (const suffix of suffixesToAsk(city)) expect(known.has(suffix), suffix).toBe(listed.has(suffix));
    expect(everyUnit).not.toHaveBeenCalled();
  });
});
