/**
 * A counting semaphore for the local runtime's task invocations. On AWS each supervision function runs with
 * its own concurrency, apart from the API's; on one machine they share one process and one dynalite, so an
 * unbounded burst of workflow tasks would starve intake of the database. Tasks beyond the limit wait in
 * arrival order, as throttled invocations that Step Functions retries would, and none is ever dropped.
 */
export class TaskSlots {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  private current: number;

  constructor(limit: number) {
    this.current = TaskSlots.checked(limit);
  }

  private static checked(limit: number): number {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the task concurrency limit must be a whole number ≥ 1, not ${limit}`);
    return limit;
  }

  get limit(): number {
    return this.current;
  }

  /**
   * Changes the limit. Raising it starts waiting tasks at once; lowering it lets running tasks finish, and
   * no new one starts until fewer than the new limit run.
   */
  setLimit(limit: number): void {
    this.current = TaskSlots.checked(limit);
    while (this.running < this.current && this.queue.length > 0) {
      this.running++;
      this.queue.shift()?.();
    }
  }

  /** Tasks running plus tasks waiting for a slot. */
  get busy(): number {
    return this.running + this.queue.length;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` once a slot is free, holding the slot until it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.current) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next task in line, unless the limit was lowered meanwhile.
      const next = this.running <= this.current ? this.queue.shift() : undefined;
      if (next) next();
      else this.running--;
    }
  }
}
