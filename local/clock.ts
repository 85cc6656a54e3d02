/**
 * Local clocks. The platform reads "now" through the Clock port; the local workflow also needs to be woken
 * at an instant of that clock. `ScaledClock` runs time faster than the wall clock so a working day passes in
 * seconds (`npm start`); `ManualClock` moves only when a test says so, so tests are exact and fast.
 */
import type { Clock } from '../functions/ports/clock.js';

export interface Timer {
  cancel(): void;
}

export interface LocalClock extends Clock {
  /** Calls `fire` once the clock reaches `at` (at once if it already has). */
  schedule(at: number, fire: () => void): Timer;
}

export class ScaledClock implements LocalClock {
  private readonly realStart = Date.now();

  /** `speed` clock milliseconds pass per real millisecond, starting from `start`. */
  constructor(
    readonly speed: number,
    private readonly start: number = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError('the clock speed must be positive');
  }

  now(): number {
    return this.start + (Date.now() - this.realStart) * this.speed;
  }

  schedule(at: number, fire: () => void): Timer {
    // setTimeout takes at most 2^31-1 ms; longer waits re-arm themselves.
    let handle: NodeJS.Timeout | undefined;
    const arm = () => {
      const realMs = Math.max(0, (at - this.now()) / this.speed);
      handle = setTimeout(() => (this.now() >= at ? fire() : arm()), Math.min(realMs, 2 ** 31 - 1));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface Pending {
  at: number;
  order: number;
  fire: () => void;
  cancelled: boolean;
}

export class ManualClock implements LocalClock {
  private current: number;
  private pending: Pending[] = [];
  private order = 0;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, fire: () => void): Timer {
    const entry: Pending = { at, order: this.order++, fire, cancelled: false };
    if (at <= this.current) queueMicrotask(() => !entry.cancelled && fire());
    else this.pending.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  /** Instants at which something waits, earliest first. */
  get waiting(): number[] {
    return this.pending.filter((p) => !p.cancelled).map((p) => p.at).sort((a, b) => a - b);
  }

  /**
   * Moves to `to`, firing every timer due on the way in time order and letting the platform react to each
   * (timers it sets meanwhile fire too if they fall before `to`).
   */
  async advanceTo(to: number, settle: () => Promise<void> = flush): Promise<void> {
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      this.pending.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.pending[0];
      if (!next || next.at > to) break;
      this.pending.shift();
      this.current = Math.max(this.current, next.at);
      next.fire();
      await settle();
    }
    this.current = Math.max(this.current, to);
    await settle();
  }

  async advanceBy(ms: number, settle?: () => Promise<void>): Promise<void> {
    await this.advanceTo(this.current + ms, settle);
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
