import { z } from 'zod';
import { CityConfig } from './schema.js';

/**
 * The JSON Schema editors use to check a city file as it is typed (`"$schema": "./city.schema.json"`).
 * It describes the input form: fields with defaults are optional there. Cross-reference checks
 * (unknown ids, cycles, overlaps) cannot be expressed in JSON Schema; `npm run validate-city` does them.
 */
export function cityJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CityConfig, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://civic-loop.example/schema/city.schema.json',
    title: 'Civic Loop city configuration',
  };
}
