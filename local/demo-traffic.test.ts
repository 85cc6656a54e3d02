/**
 * Demo traffic on the tiny city and a manual clock: a few working days of seeded cases, worked through the
 * real service and workflow. What the generator counts must be what the store holds, and no supervision
 * execution may fail along the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../functions/domain/case/events.js';
import { tinyCity } from '../functions/domain/testing/tiny-city.js';
import { ManualClock } from './clock.js';
import { startDemoTraffic, type DemoTraffic } from './demo-traffic.js';
import { startLocalPlatform, type LocalPlatform } from './platform.js';

const kaifeng = (local: string): number => Date.parse(`${local}+08:00`);
const START = kaifeng('2026-12-07T08:00:00'); // a Monday, no holidays near

describe('demo traffic', () => {
  let platform: LocalPlatform;
  let clock: ManualClock;
  let traffic: DemoTraffic;
  const warnings: string[] = [];
  const events = new Map<string, CaseEvent[]>();

  beforeAll(async () => {
    const city = tinyCity();
    // The generator reports the same few grids again and again; merging them would hide the lifecycle.
    city.duplicateDetection.enabled = false;
    clock = new ManualClock(START);
    platform = await startLocalPlatform({ city, clock, warn: (message) => warnings.push(message) });
    traffic = startDemoTraffic(platform, {
      seed: 7,
      ratePerHour: 2,
      nightRatePerHour: 0,
      // More trouble than a real city has, so a short run surely shows returns and rework.
      odds: { returns: 0.25, verificationFails: 0.3, unsatisfiedJustified: 0.2, extensionRequests: 0.3, suspensionRequests: 0.3, requestsRefused: 0.1 },
    });
    const settle = async () => {
      await traffic.idle();
      await platform.workflow.idle();
      await traffic.idle();
    };
    // Two and a half days in hourly steps: the first cases run their whole course, the last are still open.
    for (let t = START; t <= START + 60 * 3600_000; t += 3600_000) await clock.advanceTo(t, settle);
    traffic.stop();
    await settle();
    const page = await platform.store.casesReceived({ from: new Date(START - 1).toISOString(), to: new Date(clock.now()).toISOString(), limit: 1000 });
    for (const item of page.items) events.set(item.state.id, await platform.store.loadEvents(item.state.id));
  }, 60_000);
  afterAll(async () => platform?.stop());

  const count = (type: CaseEvent['type']) => [...events.values()].flat().filter((event) => event.type === type).length;

  it('opens cases and works them through to closing, as the store records', () => {
    const stats = traffic.stats();
    expect(stats.opened).toBeGreaterThan(15);
    expect(events.size).toBe(stats.opened);
    expect(stats.closed).toBeGreaterThan(0);
    expect(count('closed')).toBe(stats.closed);
  });

  it('returns and reworks some of them, as the store records', () => {
    const stats = traffic.stats();
    expect(stats.returned).toBeGreaterThan(0);
    expect(stats.reworked).toBeGreaterThan(0);
    expect(count('returned')).toBe(stats.returned);
    expect(count('arbitrated')).toBeGreaterThan(0);
    expect(count('reworkOrdered')).toBe(stats.reworked);
  });

  it('asks for extensions and suspensions, which the centre grants or refuses, as the store records', () => {
    const stats = traffic.stats();
    expect(count('extensionRequested') + count('suspensionRequested')).toBeGreaterThanOrEqual(stats.extended + stats.suspended);
    expect(stats.extended).toBeGreaterThan(0);
    expect(stats.suspended).toBeGreaterThan(0);
    expect(count('extensionApproved')).toBe(stats.extended);
    expect(count('suspended')).toBe(stats.suspended);
    // Put on hold with a date, and taken up again once it passed.
    expect(count('resumed')).toBeGreaterThan(0);
  });

  it('lets no supervision execution fail', () => {
    expect(platform.workflow.allExecutions.filter((execution) => execution.status === 'failed')).toEqual([]);
    expect(warnings.filter((w) => w.includes('failed'))).toEqual([]);
  });
});
