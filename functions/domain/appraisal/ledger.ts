/**
 * An accumulator of counter changes by (unit, month), so the pieces of one event's contribution (what it
 * settled, and how it moved the expected outcomes) can be added and subtracted before they are handed out.
 */
import type { CountDelta, CountKey } from './counts.js';

const SEP = '\u0000';

export class Ledger {
  private readonly cells = new Map<string, Map<CountKey, number>>();

  add(unitId: string, month: string, key: CountKey, amount = 1): void {
    const cell = `${unitId}${SEP}${month}`;
    let counts = this.cells.get(cell);
    if (!counts) {
      counts = new Map();
      this.cells.set(cell, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + amount);
  }

  addAll(other: Ledger, sign: 1 | -1 = 1): void {
    for (const [cell, counts] of other.cells) {
      const [unitId = '', month = ''] = cell.split(SEP);
      for (const [key, value] of counts) this.add(unitId, month, key, sign * value);
    }
  }

  /** The non-zero changes, one delta per (unit, month), in a stable order. */
  deltas(): CountDelta[] {
    const out: CountDelta[] = [];
    for (const cell of [...this.cells.keys()].sort()) {
      const [unitId = '', month = ''] = cell.split(SEP);
      const counts: CountDelta['counts'] = {};
      let any = false;
      for (const [key, value] of this.cells.get(cell) ?? []) {
        if (value !== 0) {
          counts[key] = value;
          any = true;
        }
      }
      if (any) out.push({ unitId, month, counts });
    }
    return out;
  }
}
