import { describe, expect, it } from 'vitest';
import { isoInZone, parseDate } from './datetimes.js';

const SHANGHAI = 'Asia/Shanghai';

describe('datetimes', () => {
  it('writes instants on the city’s clock with its offset', () => {
    expect(isoInZone('2026-12-01T01:00:00.789Z', SHANGHAI)).toBe('2026-12-01T09:00:00+08:00');
    expect(isoInZone(Date.parse('2026-12-31T16:30:00Z'), SHANGHAI)).toBe('2027-01-01T00:30:00+08:00');
    expect(isoInZone('2026-07-01T12:00:00Z', 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(isoInZone('2026-12-01T12:00:00Z', 'Asia/Kathmandu')).toBe('2026-12-01T17:45:00+05:45');
    expect(() => isoInZone('soon', SHANGHAI)).toThrow(RangeError);
  });

  it('reads W3C date-times with Z, an offset, no offset (the city’s clock) or a bare date (the whole local day)', () => {
    const at = (text: string) => parseDate(text, SHANGHAI);
    expect(at('2026-12-01T09:00:00+08:00')).toEqual({ at: Date.parse('2026-12-01T01:00:00Z'), until: Date.parse('2026-12-01T01:00:00Z') });
    expect(at('2026-12-01T01:00:00Z')?.at).toBe(Date.parse('2026-12-01T01:00:00Z'));
    expect(at('2026-12-01T01:00:00.5Z')?.at).toBe(Date.parse('2026-12-01T01:00:00.500Z'));
    expect(at('2026-12-01T09:00+0800')?.at).toBe(Date.parse('2026-12-01T01:00:00Z'));
    expect(at('2026-12-01T09:00:00')?.at).toBe(Date.parse('2026-12-01T01:00:00Z'));
    expect(at('2026-12-01T09:00:00 08:00')?.at).toBe(Date.parse('2026-12-01T01:00:00Z')); // a '+' decoded to a space
    expect(at('2026-12-01')).toEqual({ at: Date.parse('2026-11-30T16:00:00Z'), until: Date.parse('2026-12-01T15:59:59.999Z') });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-12-01T24:00:00Z', '2026-12-01Z', '01/12/2026', 'yesterday', '2026-12-01T09:00:00+19:00', '']) {
      expect(at(bad), bad).toBeUndefined();
    }
  });

  it('reads a wall time in a zone with daylight saving at the offset it has then', () => {
    expect(parseDate('2026-07-01T08:00:00', 'America/New_York')?.at).toBe(Date.parse('2026-07-01T12:00:00Z'));
    expect(parseDate('2026-01-01T08:00:00', 'America/New_York')?.at).toBe(Date.parse('2026-01-01T13:00:00Z'));
  });
});
