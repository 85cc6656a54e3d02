import { describe, expect, it } from 'vitest';
import type { Category } from '../../domain/city/schema.js';
import { tinyCity } from '../../domain/testing/tiny-city.js';
import { readAttributes } from './attributes.js';
import { Problems, type Open311Error } from './errors.js';

/** A category with one field of every datatype, the tiny city's own having only two. */
const category: Category = {
  ...tinyCity().categories[0]!,
  fields: [
    { code: 'note', datatype: 'string', required: false, description: { zh: '备注', en: 'Note' } },
    { code: 'story', datatype: 'text', required: false, description: { zh: '经过', en: 'What happened' } },
    { code: 'depth', datatype: 'number', required: true, description: { zh: '深度', en: 'Depth' } },
    { code: 'seen', datatype: 'datetime', required: false, description: { zh: '发现时间', en: 'Seen at' } },
    {
      code: 'damage',
      datatype: 'multivaluelist',
      required: true,
      description: { zh: '损坏', en: 'Damage' },
      values: [
        { key: 'cracked', name: { zh: '破裂', en: 'Cracked' } },
        { key: 'missing', name: { zh: '缺失', en: 'Missing' } },
      ],
    },
  ],
};

function read(fields: [string, string][]): { values?: ReturnType<typeof readAttributes>; errors?: string[] } {
  const problems = new Problems();
  const values = readAttributes(category, new URLSearchParams(fields), 'Asia/Shanghai', problems);
  try {
    problems.throwIfAny();
    return { values };
  } catch (error) {
    return { errors: (error as Open311Error).errors.map((item) => item.description) };
  }
}

describe('attributes of a POST', () => {
  it('reads every datatype, lists from repeated attribute[code][]', () => {
    expect(
      read([
        ['attribute[note]', 'by the gate'],
        ['attribute[depth]', '-1.5e2'],
        ['attribute[seen]', '2026-12-01T08:00:00+08:00'],
        ['attribute[damage][]', 'cracked'],
        ['attribute[damage][]', 'missing'],
        ['attribute[damage][]', 'cracked'],
        ['attribute[unknown]', 'ignored'],
      ]),
    ).toEqual({ values: { note: 'by the gate', depth: '-1.5e2', seen: '2026-12-01T00:00:00.000Z', damage: ['cracked', 'missing'] } });
    // One answer to a list may come without the brackets.
    expect(read([['attribute[depth]', '3'], ['attribute[damage]', 'missing']]).values).toEqual({ depth: '3', damage: ['missing'] });
  });

  it('names every missing, mistyped or unlisted answer', () => {
    expect(read([['attribute[depth]', ' '], ['attribute[seen]', 'noon'], ['attribute[note]', 'x'.repeat(501)]]).errors).toEqual([
      'attribute[note] must be at most 500 characters',
      'attribute[depth] is required (Depth)',
      "attribute[seen] must be an ISO 8601 date-time such as 2026-12-01T09:30:00+08:00, not 'noon'",
      'attribute[damage][] is required (Damage)',
    ]);
    expect(read([['attribute[depth]', 'Infinity'], ['attribute[depth][]', '2'], ['attribute[damage][]', 'burnt']]).errors).toEqual([
      'attribute[depth] takes one value',
      "attribute[damage][] must be one of cracked, missing, not 'burnt'",
    ]);
  });
});
