/** Who hears of what in a case, and what they are told (zh and en, plain text). */
export { noticesFor } from './notices.js';
export type { NoticeOptions, NoticePlan, Unreachable, UnreachableReason } from './types.js';
export type { NoticeCity, UnitLookup } from './directory.js';
export { loadUnitContactsOnFirstRead } from './directory.js';
export { localTime } from './local-time.js';
