// Writes cities/city.schema.json from the zod schema, so the two can never drift apart
// (a test compares them).
import { writeFileSync } from 'node:fs';
import { cityJsonSchema } from '../functions/domain/city/json-schema.js';

const target = new URL('../cities/city.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(cityJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
