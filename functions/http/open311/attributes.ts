/**
 * `attribute[CODE]` and `attribute[CODE][]` of a POST, checked against the category's fields: required
 * ones present, numbers numbers, list answers among the listed keys. Attributes the service does not
 * define are ignored, because well-known clients send their own (FixMyStreet adds `attribute[title]`,
 * `attribute[report_url]`, `attribute[fixmystreet_id]`, ...).
 */
import type { Category, CategoryField } from '../../domain/city/schema.js';
import { parseDate } from './datetimes.js';
import type { Problems } from './errors.js';

export type AttributeValues = Record<string, string | string[]>;

const MAX_LENGTH: Record<CategoryField['datatype'], number> = {
  string: 500,
  text: 4000,
  number: 50,
  datetime: 50,
  singlevaluelist: 200,
  multivaluelist: 200,
};
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function checkOne(field: CategoryField, value: string, name: string, timeZone: string, problems: Problems): boolean {
  if ([...value].length > MAX_LENGTH[field.datatype]) {
    problems.add(`${name} must be at most ${MAX_LENGTH[field.datatype]} characters`);
    return false;
  }
  switch (field.datatype) {
    case 'number':
      if (!NUMBER.test(value.trim()) || !Number.isFinite(Number(value))) {
        problems.add(`${name} must be a number, not '${value}'`);
        return false;
      }
      return true;
    case 'datetime':
      if (!parseDate(value, timeZone)) {
        problems.add(`${name} must be an ISO 8601 date-time such as 2026-12-01T09:30:00+08:00, not '${value}'`);
        return false;
      }
      return true;
    case 'singlevaluelist':
    case 'multivaluelist': {
      const keys = (field.values ?? []).map((option) => option.key);
      if (!keys.includes(value)) {
        problems.add(`${name} must be one of ${keys.join(', ')}, not '${value}'`);
        return false;
      }
      return true;
    }
    default:
      return true;
  }
}

export function readAttributes(category: Category, form: URLSearchParams, timeZone: string, problems: Problems): AttributeValues {
  const values: AttributeValues = {};
  for (const field of category.fields) {
    const single = `attribute[${field.code}]`;
    const multi = `attribute[${field.code}][]`;
    // Blank answers are no answers (a form's empty input), as for every optional parameter.
    const given = [...form.getAll(single), ...form.getAll(multi)].filter((value) => value.trim() !== '');
    if (given.length === 0) {
      if (field.required) problems.add(`${field.datatype === 'multivaluelist' ? multi : single} is required (${field.description.en})`);
      continue;
    }
    if (field.datatype !== 'multivaluelist') {
      if (given.length > 1) {
        problems.add(`${single} takes one value`);
        continue;
      }
      const value = given[0] as string;
      if (checkOne(field, value, single, timeZone, problems)) values[field.code] = value;
      continue;
    }
    const keys = [...new Set(given)];
    if (keys.every((value) => checkOne(field, value, multi, timeZone, problems))) values[field.code] = keys;
  }
  return values;
}
