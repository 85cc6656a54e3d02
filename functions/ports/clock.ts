/**
 * "Now", as every rule sees it. On AWS it is the system clock; locally a scaled clock makes a working day
 * pass in seconds, and tests move a manual clock by hand. Instants are epoch milliseconds.
 */
export interface Clock {
  now(): number;
}
