/**
 * Group commit for the unconditional puts of new cases. Each BatchWriteItem costs a fixed price whatever it
 * carries: on the caller, the SDK's middleware, signing and HTTP; on the server, the request's parsing and
 * validation. While a batch is on its way, new cases that arrive wait for it and then leave together in
 * the next one, up to DynamoDB's 25 items. A lone writer (a Lambda invocation serves one request) finds
 * nothing in flight and is written at once, exactly as before; under a burst on one machine the waiting
 * costs a round trip and saves most of the fixed price.
 *
 * Each writer's items stay in one batch, and its promise settles when every one of them is written. A batch
 * refused as a whole (one writer's item too large, say) is not allowed to fail the others: each writer then
 * tries alone, so every error reaches the writer that caused it. A batch that fails part-way answers the
 * writers whose items went in and fails the others. Only for ids nobody else can write (see
 * `CaseStore.createCase`): a delayed put overwrites whatever another writer put meanwhile.
 */
import { batchWrite, BATCH_WRITE, UnwrittenRequests, writeBatch, type StoreContext, type WriteRequest } from './dynamo.js';

interface Writer {
  requests: readonly WriteRequest[];
  keys: string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const keyOf = (request: WriteRequest): string => {
  const key = request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {};
  return `${String(key.pk)}\u0000${String(key.sk)}`;
};

export class GroupCommit {
  private readonly waiting: Writer[] = [];
  private inFlight = 0;

  /** `maxInFlight`: batches on their way at once; fewer means fuller batches and longer waits. */
  constructor(
    private readonly ctx: StoreContext,
    private readonly maxInFlight = 2,
  ) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`maxInFlight is a whole number ≥ 1, not ${maxInFlight}`);
  }

  /** Writes the requests (puts and deletes without conditions), together with whatever else is waiting. */
  write(requests: readonly WriteRequest[]): Promise<void> {
    // More than a batch holds never shares one.
    if (requests.length > BATCH_WRITE) return batchWrite(this.ctx, requests);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ requests, keys: requests.map(keyOf), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The writers of the next batch, in arrival order: as many as fit in 25 items without repeating a key. */
  private take(): Writer[] {
    const batch: Writer[] = [];
    const keys = new Set<string>();
    let items = 0;
    for (let i = 0; i < this.waiting.length; ) {
      const writer = this.waiting[i] as Writer;
      // DynamoDB refuses a batch that names a key twice: such a writer waits for the next one.
      if (items + writer.requests.length > BATCH_WRITE || writer.keys.some((key) => keys.has(key))) {
        if (items + 1 > BATCH_WRITE) break;
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      batch.push(writer);
      items += writer.requests.length;
      for (const key of writer.keys) keys.add(key);
    }
    return batch;
  }

  private async send(batch: Writer[]): Promise<void> {
    if (batch.length === 1) {
      const [writer] = batch as [Writer];
      await batchWrite(this.ctx, writer.requests).then(writer.resolve, writer.reject);
      return;
    }
    try {
      await writeBatch(this.ctx, batch.flatMap((writer) => writer.requests));
      for (const writer of batch) writer.resolve();
    } catch (error) {
      if (error instanceof UnwrittenRequests) {
        // Part of the batch went in: its writers are done; the others get the error, as from any failed
        // write (the SDK has already retried it). Nothing is written twice.
        const unwritten = new Set(error.unwritten.map(keyOf));
        for (const writer of batch) {
          if (writer.keys.some((key) => unwritten.has(key))) writer.reject(error);
          else writer.resolve();
        }
        return;
      }
      // Refused before anything was written (one writer's item too large, say): each writer alone, one
      // after another within this batch's slot, so every error reaches the writer that caused it.
      for (const writer of batch) await batchWrite(this.ctx, writer.requests).then(writer.resolve, writer.reject);
    }
  }
}
