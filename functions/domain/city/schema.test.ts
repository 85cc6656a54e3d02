import { describe, expect, it } from 'vitest';
import { Category, Duration, WorkingCalendar } from './schema.js';

describe('city schema', () => {
  it('refuses a time limit of zero, naming the field', () => {
    const result = Duration.safeParse({ amount: 0, unit: 'workingDays' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('a time limit must be greater than zero');
  });

  it('checks the category code against its kind', () => {
    const base = {
      name: { zh: '暴露垃圾', en: 'Exposed rubbish' },
      group: { zh: '市容环境', en: 'City appearance' },
      limits: { routine: { accept: { amount: 1, unit: 'workingHours' }, handle: { amount: 1, unit: 'workingDays' } } },
    };
    expect(Category.safeParse({ ...base, kind: 'event', code: 'S0102' }).success).toBe(true);
    const wrong = Category.safeParse({ ...base, kind: 'event', code: 'B0102' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['code']);
  });

  it('refuses an unknown time zone', () => {
    const result = WorkingCalendar.safeParse({
      timeZone: 'Asia/Kaifeng',
      workingHours: [{ start: '08:30', end: '12:00' }],
      holidaySource: 'chinese-days',
      countingRule: 'fromReceipt',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['timeZone']);
  });
});
