import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CategoryField } from '../city/schema.js';
import { checkAttributes, checkPhotoUrls } from './attributes.js';
import { InvalidField } from './errors.js';

const field = (code: string, datatype: CategoryField['datatype'], values?: string[]): CategoryField =>
  ({ code, datatype, required: false, description: { zh: code, en: code }, ...(values ? { values: values.map((key) => ({ key, name: { zh: key, en: key } })) } : {}) });

const cover = {
  code: 'B0101',
  fields: [field('coverState', 'singlevaluelist', ['missing', 'broken']), field('damage', 'multivaluelist', ['cracked', 'sunk']), field('depth', 'number'), field('seen', 'datetime'), field('note', 'string')],
};

const refusal = (values: unknown) => {
  try {
    checkAttributes(cover, values);
  } catch (error) {
    if (error instanceof InvalidField) return { field: error.field, reason: error.reason };
    throw error;
  }
  return undefined;
};

describe('answers to a category’s fields', () => {
  it('keeps the answers that fit, lists without repeats', () => {
    expect(checkAttributes(cover, { coverState: 'missing', damage: ['sunk', 'sunk', 'cracked'], depth: '-1.5e2', seen: '2026-12-01T08:00:00+08:00', note: 'by the gate' })).toEqual({
      coverState: 'missing',
      damage: ['sunk', 'cracked'],
      depth: '-1.5e2',
      seen: '2026-12-01T08:00:00+08:00',
      note: 'by the gate',
    });
    expect(checkAttributes(cover, undefined)).toBeUndefined();
    expect(checkAttributes(cover, {})).toBeUndefined();
  });

  it('names the field and the reason of the first answer that does not fit', () => {
    expect(refusal({ colour: 'red' })).toEqual({ field: 'attributes.colour', reason: expect.stringContaining('is no field of category B0101') as string });
    expect(refusal({ coverState: 'stolen' })).toEqual({ field: 'attributes.coverState', reason: "must be one of missing, broken, not 'stolen'" });
    expect(refusal({ damage: 'sunk' })).toEqual({ field: 'attributes.damage', reason: 'must be a list of value keys' });
    expect(refusal({ coverState: ['missing'] })).toEqual({ field: 'attributes.coverState', reason: 'must be one text value' });
    expect(refusal({ depth: 'deep' })).toEqual({ field: 'attributes.depth', reason: "must be a number, not 'deep'" });
    expect(refusal({ seen: '2026-12-01 08:00' })?.field).toBe('attributes.seen');
    expect(refusal({ note: 'x'.repeat(501) })).toEqual({ field: 'attributes.note', reason: 'must be at most 500 characters' });
    expect(refusal(['missing'])).toEqual({ field: 'attributes', reason: 'must be an object of field code → answer' });
  });

  it('takes any text for a string field, within its length, and never anything but text', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const outcome = refusal({ note: value });
        const fits = typeof value === 'string' && [...value].length <= 500;
        expect(outcome === undefined).toBe(fits);
      }),
    );
  });
});

describe('photo URLs', () => {
  it('keeps up to 20 http(s) URLs and names the first that is not one', () => {
    expect(checkPhotoUrls(['https://photos.example.cn/1.jpg', 'http://cam.example.cn/2.png'])).toHaveLength(2);
    expect(checkPhotoUrls([])).toBeUndefined();
    expect(() => checkPhotoUrls(['https://ok.example/1.jpg', 'javascript:alert(1)'])).toThrow(expect.objectContaining({ field: 'photoUrls[1]' }) as Error);
    expect(() => checkPhotoUrls(Array.from({ length: 21 }, (_, i) => `https://ok.example/${i}.jpg`))).toThrow(/at most 20/);
    expect(() => checkPhotoUrls('https://ok.example/1.jpg')).toThrow(expect.objectContaining({ field: 'photoUrls' }) as Error);
  });
});
