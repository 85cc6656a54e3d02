/**
 * The local Notifier: instead of texting and mailing, it records every notice, so tests can assert on
 * what went out and the console can show it live. With a file it keeps the record across restarts of
 * `npm start` (one JSON object per line, appended, so a crash loses at most the line being written).
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notice, Notifier } from '../../ports/notifier.js';

export interface OutboxEntry {
  /** Place in the outbox, from 1 (after a `clear()`, from 1 again): a cursor for live views. */
  readonly position: number;
  /** When the outbox took the notice (the local clock, which may be scaled), ISO 8601. */
  readonly recordedAt: string;
  /**
   * The same notice id was recorded before: a retried workflow task sent it again. Kept, not dropped,
   * because that is what SMS and email would do (at-least-once), and a view may want to show it.
   */
  readonly redelivery: boolean;
  readonly notice: Notice;
}

export interface OutboxQuery {
  caseId?: string;
  /** The recipient's id (a unit, department or office id; for a reporter, the case id). */
  recipientId?: string;
  /** Only entries recorded strictly after this instant (ISO 8601). */
  since?: string;
}

export type OutboxChange = { type: 'recorded'; entry: OutboxEntry } | { type: 'cleared' };
export type OutboxListener = (change: OutboxChange) => void;

export interface OutboxOptions {
  /** A JSON-lines file to load from and append to; its directory is created. Without it, memory only. */
  file?: string;
  /** Epoch ms; the local runtime passes its (scaled) clock. */
  now?: () => number;
  /** A listener that throws must not fail a delivery; its error goes here (default: console.error). */
  onListenerError?: (error: unknown) => void;
}

const errorCode = (error: unknown): unknown => (error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined);

export class Outbox implements Notifier {
  private entries: OutboxEntry[] = [];
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<OutboxListener>();
  /** Sends and clears run one at a time, so positions and the file's order always agree. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The file ends without a newline (a torn last line): the next append must start a new line. */
  private needsNewline = false;
  private damaged: number[] = [];

  private constructor(private readonly options: OutboxOptions) {}

  /** An outbox, loaded from `options.file` when given. */
  static async open(options: OutboxOptions = {}): Promise<Outbox> {
    const outbox = new Outbox(options);
    if (options.file) await outbox.load(options.file);
    return outbox;
  }

  /** Line numbers of the file that could not be read back (a torn write), skipped rather than fatal. */
  get damagedLines(): readonly number[] {
    return this.damaged;
  }

  get size(): number {
    return this.entries.length;
  }

  async send(notices: readonly Notice[]): Promise<void> {
    if (notices.length === 0) return;
    await this.serially(async () => {
      const recordedAt = new Date((this.options.now ?? Date.now)()).toISOString();
      const seenNow = new Set(this.seen);
      const entries = notices.map((notice, index): OutboxEntry => {
        const redelivery = seenNow.has(notice.id);
        seenNow.add(notice.id);
        // A copy: the caller may reuse its objects; the record must stay what was sent.
        return Object.freeze({ position: this.entries.length + index + 1, recordedAt, redelivery, notice: structuredClone(notice) });
      });
      if (this.options.file) {
        const lines = entries.map((entry) => JSON.stringify(entry)).join('\n');
        await appendFile(this.options.file, `${this.needsNewline ? '\n' : ''}${lines}\n`, 'utf8');
        this.needsNewline = false;
      }
      // Recorded only once the file has it: a failed write throws, and the caller's retry sends it again.
      this.entries.push(...entries);
      for (const entry of entries) this.seen.add(entry.notice.id);
      for (const entry of entries) this.emit({ type: 'recorded', entry });
    });
  }

  list(query: OutboxQuery = {}): OutboxEntry[] {
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    if (since !== undefined && Number.isNaN(since)) throw new RangeError(`since must be an ISO 8601 instant, not '${query.since}'`);
    return this.entries.filter(
      (entry) =>
        (query.caseId === undefined || entry.notice.caseId === query.caseId) &&
        (query.recipientId === undefined || entry.notice.recipient.id === query.recipientId) &&
        (since === undefined || Date.parse(entry.recordedAt) > since),
    );
  }

  async clear(): Promise<void> {
    await this.serially(async () => {
      if (this.options.file) await writeFile(this.options.file, '', 'utf8');
      this.entries = [];
      this.seen.clear();
      this.damaged = [];
      this.needsNewline = false;
      this.emit({ type: 'cleared' });
    });
  }

  /** Calls `listener` on every change from now on; returns the function that stops it. */
  subscribe(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(change: OutboxChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        (this.options.onListenerError ?? ((e: unknown) => console.error('outbox listener failed', e)))(error);
      }
    }
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async load(file: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    this.needsNewline = text.length > 0 && !text.endsWith('\n');
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const stored = JSON.parse(line) as OutboxEntry;
        if (typeof stored.notice?.id !== 'string') throw new Error('not an outbox entry');
        // Positions are renumbered so a skipped line leaves no gap.
        this.entries.push(Object.freeze({ ...stored, position: this.entries.length + 1 }));
        this.seen.add(stored.notice.id);
      } catch {
        this.damaged.push(index + 1);
      }
    });
  }
}
