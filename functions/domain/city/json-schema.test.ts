import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { tinyCity } from '../testing/tiny-city.js';
import { cityJsonSchema } from './json-schema.js';

const committed = JSON.parse(readFileSync(new URL('../../../cities/city.schema.json', import.meta.url), 'utf8')) as object;

describe('the exported JSON Schema', () => {
  it('is the committed cities/city.schema.json (run `npm run city-schema` after changing the zod schema)', () => {
    expect(committed).toEqual(cityJsonSchema());
  });

  it('accepts a valid city and refuses a structurally broken one, as an editor would', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(committed);
    expect(validate(tinyCity()), JSON.stringify(validate.errors)).toBe(true);

    const broken = tinyCity() as unknown as { categories: { limits: { routine: { accept: { amount: number } } } }[] };
    broken.categories[0]!.limits.routine.accept.amount = 0;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/categories/0/limits/routine/accept/amount');
  });
});
