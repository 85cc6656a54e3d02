import { describe, expect, it } from 'vitest';
import { simplifyArea, simplifyRing, type Ring } from './outline-geometry.js';

describe('outline simplification', () => {
  it('drops points that lie (nearly) on a straight edge and rounds to five decimals', () => {
    const square: Ring = [
      [114.3, 34.78],
      [114.3025000001, 34.7800000004],
      [114.305, 34.78],
      [114.305, 34.785],
      [114.3, 34.785],
      [114.3, 34.78],
    ];
    expect(simplifyRing(square, 0.00002)).toEqual([
      [114.3, 34.78],
      [114.305, 34.78],
      [114.305, 34.785],
      [114.3, 34.785],
      [114.3, 34.78],
    ]);
  });

  it('keeps a corner that stands out more than the tolerance', () => {
    const notch: Ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0.5, 1.2],
      [0, 1],
      [0, 0],
    ];
    expect(simplifyRing(notch, 0.1)).toHaveLength(6);
    expect(simplifyRing(notch, 0.3)).toHaveLength(5);
  });

  it('never thins a ring below a closed triangle', () => {
    const sliver: Ring = [
      [0, 0],
      [1, 0.000001],
      [2, 0],
      [0, 0],
    ];
    expect(simplifyRing(sliver, 1)).toHaveLength(4);
    const multi = simplifyArea({ type: 'MultiPolygon', coordinates: [[sliver], [sliver]] }, 1);
    expect(multi.type).toBe('MultiPolygon');
    expect(multi.coordinates).toHaveLength(2);
  });
});
