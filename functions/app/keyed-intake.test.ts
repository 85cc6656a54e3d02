/**
 * An intake with a key (an Idempotency-Key, or a channel's own id) gives its case id away the moment it
 * claims the key: a retry finds the claim, writes the case itself and the workflow moves it on. The first
 * attempt's own write, if it lands after all that, must be refused, never put the case back to its first
 * version (on the local platform: dynalite and the deployed ASL on the local engine).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LITTER_BIN, startHarness, type Harness } from '../../test/workflow/harness.js';
import type { CaseStore } from '../ports/case-store.js';
import { CaseService } from './case-service.js';

describe('a keyed intake whose first attempt writes after its retry', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  it('leaves the case as the retry and the workflow made it', async () => {
    h = await startHarness();
    const { store } = h.platform;
    // The first attempt's write of the case waits (a slow network, a queue) until released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let writeStarted!: () => void;
    const writing = new Promise<void>((resolve) => (writeStarted = resolve));
    const held = (write: () => Promise<void>) => async () => {
      writeStarted();
      await released;
      return write();
    };
    const slow: CaseStore = {
      ...store,
      createCase: (events, projection) => held(() => store.createCase(events, projection))(),
      appendEvents: (caseId, version, events) => held(() => store.appendEvents(caseId, version, events))(),
    };
    const first = new CaseService({ ...h.platform.service.deps, store: slow });
    const actor = { kind: 'citizen', id: 'citizen-1' } as const;

    const firstAttempt = first.intake(LITTER_BIN, actor, { idempotencyKey: 'retry-me' }).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await writing;
    const retry = await h.platform.service.intake(LITTER_BIN, actor, { idempotencyKey: 'retry-me' });
    await h.settle();
    const moved = await store.getProjection(retry.caseId);
    expect(moved?.state.version).toBeGreaterThan(1); // routed by its supervision
    const history = await store.loadEvents(retry.caseId);

    release();
    await firstAttempt;
    await h.settle();
    const after = await store.getProjection(retry.caseId);
    expect(after?.state.version).toBeGreaterThanOrEqual(moved?.state.version ?? Infinity);
    expect((await store.loadEvents(retry.caseId)).slice(0, history.length)).toEqual(history);
    expect(h.platform.workflow.execution(retry.caseId)?.status).toBe('running');
  });
});
