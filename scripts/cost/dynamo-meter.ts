/**
 * What DynamoDB would bill for the calls a DynamoDB client makes, measured against dynalite: read and write
 * request units of the table from `ConsumedCapacity` (dynalite computes them by DynamoDB's item-size
 * rule), plus the writes to global secondary indexes, which dynalite does not bill: for each write, the
 * item before and after is read (with a second client, not metered) and each index is charged as DynamoDB
 * does — a put, a delete, or both when the index key changes — at the size of the index entry (its keys
 * and the projected `projection` attribute).
 *
 * Item sizes follow the DynamoDB rule closely enough for a cost model: attribute names plus UTF-8 string
 * lengths, numbers at ~1 byte per 2 digits, one byte per list/map element overhead. Not billing-exact.
 */
import { DynamoDBClient, GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { INDEX, INDEXED_ATTRIBUTES } from '../../functions/adapters/dynamodb/table.js';

export interface DynamoUsage {
  readUnits: number;
  writeUnits: number;
  /** Of `writeUnits`, those for index entries. */
  indexWriteUnits: number;
  calls: Record<string, number>;
}

type Item = Record<string, AttributeValue>;

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.B !== undefined) return value.B.length;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueSize(v), 0);
  if (value.SS) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + n.length, 0);
  return 0;
}

export const itemSize = (item: Item): number => Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The index entry an item has in `index`, or undefined when it lacks the index's keys (sparse). */
function indexEntry(item: Item | undefined, index: string): Item | undefined {
  if (!item?.[`${index}pk`] || !item[`${index}sk`]) return undefined;
  const entry: Item = { pk: item.pk!, sk: item.sk!, [`${index}pk`]: item[`${index}pk`]!, [`${index}sk`]: item[`${index}sk`]! };
  for (const name of INDEXED_ATTRIBUTES) if (item[name]) entry[name] = item[name];
  return entry;
}

/** Write units one table write costs in the indexes, from the item before and after it. */
export function indexWriteUnits(before: Item | undefined, after: Item | undefined): number {
  let total = 0;
  for (const index of Object.values(INDEX)) {
    const old = indexEntry(before, index);
    const now = indexEntry(after, index);
    if (!old && !now) continue;
    if (old && now) {
      const keyChanged = old[`${index}pk`]!.S !== now[`${index}pk`]!.S || old[`${index}sk`]!.S !== now[`${index}sk`]!.S;
      if (keyChanged) total += units(itemSize(old)) + units(itemSize(now));
      else if (JSON.stringify(old) !== JSON.stringify(now)) total += units(itemSize(now));
    } else total += units(itemSize((old ?? now)!));
  }
  return total;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

/** Meters every call of `client` from now on; `peek` reaches the same endpoint without being metered. */
export function meterDynamo(client: DynamoDBClient, endpoint: string): { usage: DynamoUsage; reset(): void; storedBytes(table: string): Promise<number> } {
  const peek = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const usage: DynamoUsage = { readUnits: 0, writeUnits: 0, indexWriteUnits: 0, calls: {} };
  const get = async (table: string, key: Item) => (await peek.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  // Asked for before the request is serialized; read after it is answered.
  client.middlewareStack.add(
    (next) => (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      return next(args);
    },
    { step: 'initialize', name: 'costMeterAsk' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const input = args.input as { TableName?: string; Key?: Item; Item?: Item };
      usage.calls[command] = (usage.calls[command] ?? 0) + 1;
      const key = input.Key ?? (input.Item ? { pk: input.Item.pk!, sk: input.Item.sk! } : undefined);
      const before = WRITES.has(command) && input.TableName && key ? await get(input.TableName, key) : undefined;
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      const consumed = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (WRITES.has(command) || command === 'BatchWriteItemCommand') usage.writeUnits += consumed;
      else usage.readUnits += consumed;
      if (WRITES.has(command) && input.TableName && key) {
        const extra = indexWriteUnits(before, await get(input.TableName, key));
        usage.indexWriteUnits += extra;
        usage.writeUnits += extra;
      }
      return result;
    },
    { step: 'build', name: 'costMeter' },
  );
  return {
    usage,
    /** What the table stores, items and their index entries (DynamoDB bills both, plus 100 bytes an item). */
    async storedBytes(table: string) {
      let bytes = 0;
      let start: Item | undefined;
      do {
        const page = await peek.send(new ScanCommand({ TableName: table, ...(start ? { ExclusiveStartKey: start } : {}) }));
        for (const item of page.Items ?? []) {
          bytes += itemSize(item) + 100;
          for (const index of Object.values(INDEX)) {
            const entry = indexEntry(item, index);
            if (entry) bytes += itemSize(entry) + 100;
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return bytes;
    },
    reset() {
      usage.readUnits = usage.writeUnits = usage.indexWriteUnits = 0;
      usage.calls = {};
    },
  };
}
