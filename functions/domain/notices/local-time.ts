/**
 * Deadlines as people in the city read them: `2026-12-01 18:00` on the city's wall clock. Events keep
 * instants in UTC; a department in Kaifeng must not have to add eight hours in its head.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * `YYYY-MM-DD HH:mm` in `timeZone`. Seconds are dropped (deadlines fall on whole minutes). A value that is
 * not an instant is returned as it is, so one malformed field in an old event cannot stop every notice.
 */
export function localTime(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatFor(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  return `${fields.year}-${fields.month}-${fields.day} ${fields.hour}:${fields.minute}`;
}
