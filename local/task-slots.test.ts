import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskSlots } from './task-slots.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TaskSlots', () => {
  it('never runs more tasks at once than its limit, runs every task, and keeps arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }), async (limit, delays) => {
        const slots = new TaskSlots(limit);
        let running = 0;
        let peak = 0;
        const started: number[] = [];
        const results = await Promise.all(
          delays.map((delay, index) =>
            slots.run(async () => {
              started.push(index);
              running++;
              peak = Math.max(peak, running);
              for (let i = 0; i < delay; i++) await tick();
              running--;
              return index;
            }),
          ),
        );
        expect(results).toEqual(delays.map((_, index) => index));
        expect(peak).toBeLessThanOrEqual(limit);
        expect(started).toEqual([...started].sort((a, b) => a - b));
        expect(slots.busy).toBe(0);
      }),
    );
  });

  it('starts waiting tasks when the limit is raised, and starts none while more than a lowered limit run', async () => {
    const slots = new TaskSlots(3);
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      });
    const all = Array.from({ length: 8 }, task);
    await tick();
    expect(running).toBe(3);
    slots.setLimit(1);
    peak = 0;
    gates.splice(0).forEach((open) => open());
    await tick();
    expect(running).toBe(1); // the three finished; only one takes their place
    slots.setLimit(4);
    await tick();
    expect(running).toBe(4);
    while (running > 0 || slots.busy > 0) {
      gates.splice(0).forEach((open) => open());
      await tick();
    }
    await Promise.all(all);
    expect(peak).toBeLessThanOrEqual(4);
    expect(slots.busy).toBe(0);
  });

  it('frees the slot of a task that throws', async () => {
    const slots = new TaskSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
    expect(slots.busy).toBe(0);
  });

  it('refuses a limit that is not a whole number ≥ 1', () => {
    expect(() => new TaskSlots(0)).toThrow(/≥ 1/);
    expect(() => new TaskSlots(1.5)).toThrow(/whole number/);
  });
});
