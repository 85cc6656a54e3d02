/**
 * `attribute[CODE]` and `attribute[CODE][]` of a POST, checked against the category's fields: required
 * ones present, numbers numbers, list answers among the listed keys. Attributes the service does not
 * define are ignored, because well-known clients send their own (FixMyStreet adds `attribute[title]`,
 * `attribute[report_url]`, `attribute[fixmystreet_id]`, ...).
 */
import { ATTRIBUTE_MAX_LENGTH, attributeValueProblem, type AttributeValues } from '../../domain/case/attributes.js';
import type { Category, CategoryField } from '../../domain/city/schema.js';
import { parseDate } from './datetimes.js';
import type { Problems } from './errors.js';

export type { AttributeValues };

function checkOne(field: CategoryField, value: string, name: string, timeZone: string, problems: Problems): boolean {
  // Open311 clients write date-times with or without an offset; the rest is the domain's rule.
  const problem =
    field.datatype === 'datetime' && [...value].length <= ATTRIBUTE_MAX_LENGTH.datetime && !parseDate(value, timeZone)
      ? `must be an ISO 8601 date-time such as 2026-12-01T09:30:00+08:00, not '${value}'`
      : attributeValueProblem(field, value);
  if (problem) problems.add(`${name} ${problem}`);
  return problem === undefined;
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
      // Kept as an instant, however the client wrote it, so the answer means the same to every reader.
      const at = field.datatype === 'datetime' ? parseDate(value, timeZone)?.at : undefined;
      if (checkOne(field, value, single, timeZone, problems)) values[field.code] = at === undefined ? value : new Date(at).toISOString();
      continue;
    }
    const keys = [...new Set(given)];
    if (keys.every((value) => checkOne(field, value, multi, timeZone, problems))) values[field.code] = keys;
  }
  return values;
}
