import type { Clock } from '../ports/clock.js';

/** On AWS time is the system clock (Lambda's is NTP-synchronised). */
export const systemClock: Clock = { now: () => Date.now() };
