/**
 * A diff-friendly JSON layout for the city file: the top of the file is indented like any JSON, every
 * record (a unit, a department, a category, a responsibility row, a user) sits on one line, and small
 * objects are written inline. A change to one grid then shows as a one-line diff, and the 6,000 grids do
 * not cost 200,000 lines of indentation.
 */

/** Paths of values written on one line each; `*` matches any array index or key. */
const RECORDS = [
  'units.*',
  'departments.*',
  'offices.*',
  'categories.*',
  'users.*',
  'responsibilityList.versions.*.rows.*',
  'escalation.steps.*',
  'escalation.byUrgency.*.*',
  'appraisal.metrics.*',
].map((pattern) => pattern.split('.'));

/** Objects and arrays whose one-line form fits in this many characters stay on one line. */
const INLINE_WIDTH = 110;

export function writeCityJson(value: unknown): string {
  return `${format(value, [], '')}\n`;
}

function format(value: unknown, path: readonly string[], indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const compact = JSON.stringify(value);
  if (isRecord(path) || (path.length > 0 && compact.length + indent.length <= INLINE_WIDTH)) return compact;

  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: unknown) => `${inner}${format(item, [...path, '*'], inner)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${format(v, [...path, key], inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function isRecord(path: readonly string[]): boolean {
  return RECORDS.some((pattern) => pattern.length === path.length && pattern.every((part, k) => part === '*' || part === path[k]));
}
