/**
 * The answers a report gives to its category's fields (Open311's service attributes: a manhole cover's
 * state, a lamp's number): checked against the field's type, kept with the case's first event.
 */
import type { Category, CategoryField } from '../city/schema.js';
import { InvalidField } from './errors.js';

/** Field code → answer; a `multivaluelist` answer is a list of its value keys. */
export type AttributeValues = Record<string, string | string[]>;

export const ATTRIBUTE_MAX_LENGTH: Record<CategoryField['datatype'], number> = {
  string: 500,
  text: 4000,
  number: 50,
  datetime: 50,
  singlevaluelist: 200,
  multivaluelist: 200,
};
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** An ISO 8601 date-time with its offset: an instant, whoever reads it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Why one answer does not fit its field, or undefined when it does. Date-times are left to the caller
 * (`datetime`), since channels write them differently (Open311 clients often omit the offset).
 */
export function attributeValueProblem(field: CategoryField, value: string): string | undefined {
  const max = ATTRIBUTE_MAX_LENGTH[field.datatype];
  if ([...value].length > max) return `must be at most ${max} characters`;
  if (field.datatype === 'number' && (!NUMBER.test(value.trim()) || !Number.isFinite(Number(value)))) return `must be a number, not '${value}'`;
  if (field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist') {
    const keys = (field.values ?? []).map((option) => option.key);
    if (!keys.includes(value)) return `must be one of ${keys.join(', ')}, not '${value}'`;
  }
  return undefined;
}

/**
 * The answers as the case keeps them, or `InvalidField` naming the first that does not fit: only the
 * category's own fields, one value each (a list for `multivaluelist`), date-times as ISO 8601 instants.
 * Required fields are not enforced here: a hotline operator may not have the answer, and Open311, whose
 * service definition promises them, checks them at its own door.
 */
export function checkAttributes(category: Pick<Category, 'code' | 'fields'>, values: unknown): AttributeValues | undefined {
  if (values === undefined || values === null) return undefined;
  if (typeof values !== 'object' || Array.isArray(values)) throw new InvalidField('attributes', 'must be an object of field code → answer');
  const checked: AttributeValues = {};
  for (const [code, value] of Object.entries(values as Record<string, unknown>)) {
    const name = `attributes.${code}`;
    const field = category.fields.find((candidate) => candidate.code === code);
    if (!field) throw new InvalidField(name, `is no field of category ${category.code}${category.fields.length > 0 ? ` (its fields: ${category.fields.map((f) => f.code).join(', ')})` : ''}`);
    const answers = field.datatype === 'multivaluelist' ? value : [value];
    if (!Array.isArray(answers) || answers.length === 0 || !answers.every((answer) => typeof answer === 'string')) {
      throw new InvalidField(name, field.datatype === 'multivaluelist' ? 'must be a list of value keys' : 'must be one text value');
    }
    for (const answer of answers) {
      const problem = field.datatype === 'datetime' && !INSTANT.test(answer) ? 'must be an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00+08:00' : attributeValueProblem(field, answer);
      if (problem) throw new InvalidField(name, problem);
    }
    checked[code] = field.datatype === 'multivaluelist' ? [...new Set(answers)] : (answers[0] as string);
  }
  return Object.keys(checked).length > 0 ? checked : undefined;
}

const MAX_PHOTOS = 20;

/** Photos travel as http(s) URLs, never in the body; at most 20, each at most 2,048 characters. */
export function checkPhotoUrls(values: unknown): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  if (!Array.isArray(values)) throw new InvalidField('photoUrls', 'must be a list of http(s) URLs');
  if (values.length > MAX_PHOTOS) throw new InvalidField('photoUrls', `at most ${MAX_PHOTOS} photos`);
  values.forEach((value, i) => {
    if (typeof value !== 'string' || value.length > 2048 || !/^https?:\/\//i.test(value) || !URL.canParse(value)) {
      throw new InvalidField(`photoUrls[${i}]`, 'must be an http(s) URL of at most 2,048 characters');
    }
  });
  return values.length > 0 ? [...(values as string[])] : undefined;
}
