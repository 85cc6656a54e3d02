/**
 * Time rules of the demo city: the escalation ladder (提醒 → 催办 → 督办 → 挂牌督办 → 约谈), the working
 * calendar, the centre's own deadlines, duplicate detection and the monthly appraisal.
 */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { nh, minutes, wd, wh } from './category-spec.js';
import { jinniuPreset } from '../../functions/domain/appraisal/presets.js';

type Config = CityConfigInput;

/**
 * Routine ladder, after the documented 催办 → 催办通知书 copied to the leader → 通报 pattern and the
 * 广元/隆昌 yellow and red cards: the community reminds the unit when four fifths of the time is gone,
 * the street urges at expiry, the district supervises two working days later (yellow card), the city lists
 * the case after five (red card) and the leaders summon the unit head after ten.
 */
export const ESCALATION: Config['escalation'] = {
  steps: [
    { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.8 }, notify: ['unit'], supervisingLayer: 'community' },
    { rung: 'urge', trigger: { at: 'afterExpiry', delay: wd(0) }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict' },
    { rung: 'supervise', trigger: { at: 'afterExpiry', delay: wd(2) }, notify: ['unit', 'unitHead', 'supervisionOffice'], supervisingLayer: 'district', card: 'yellow' },
    { rung: 'listed', trigger: { at: 'afterExpiry', delay: wd(5) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre'], supervisingLayer: 'city', card: 'red' },
    { rung: 'interview', trigger: { at: 'afterExpiry', delay: wd(10) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre', 'leaderOffice'], supervisingLayer: 'city', card: 'red' },
  ],
  byUrgency: {
    // Urgent cases climb the same rungs in days rather than weeks.
    urgent: [
      { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.7 }, notify: ['unit'], supervisingLayer: 'community' },
      { rung: 'urge', trigger: { at: 'afterExpiry', delay: wh(0) }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict' },
      { rung: 'supervise', trigger: { at: 'afterExpiry', delay: wd(1) }, notify: ['unit', 'unitHead', 'supervisionOffice'], supervisingLayer: 'district', card: 'yellow' },
      { rung: 'listed', trigger: { at: 'afterExpiry', delay: wd(3) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre'], supervisingLayer: 'city', card: 'red' },
      { rung: 'interview', trigger: { at: 'afterExpiry', delay: wd(5) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre', 'leaderOffice'], supervisingLayer: 'city', card: 'red' },
    ],
    // Emergencies run on natural time: nights and holidays do not stop a gas leak.
    emergency: [
      { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.5 }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict' },
      { rung: 'urge', trigger: { at: 'afterExpiry', delay: minutes(0) }, notify: ['unit', 'unitHead', 'commandCentre'], supervisingLayer: 'district' },
      { rung: 'supervise', trigger: { at: 'afterExpiry', delay: minutes(30) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre'], supervisingLayer: 'district', card: 'yellow' },
      { rung: 'listed', trigger: { at: 'afterExpiry', delay: nh(2) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre'], supervisingLayer: 'city', card: 'red' },
      { rung: 'interview', trigger: { at: 'afterExpiry', delay: nh(24) }, notify: ['unit', 'unitHead', 'supervisionOffice', 'commandCentre', 'leaderOffice'], supervisingLayer: 'city', card: 'red' },
    ],
  },
};

export const CALENDAR: Config['calendar'] = {
  timeZone: 'Asia/Shanghai',
  // Demo assumption: Henan offices commonly work 08:30–12:00 and 14:30–18:00 in summer (winter afternoons
  // often end at 17:30); Kaifeng's own published hours were not checked. A real city enters its own.
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '18:00' },
  ],
  holidaySource: 'chinese-days',
  overrides: [
    // Example only: New Year's Day 2027 is certain to be a holiday, but the rest of the 2027 schedule
    // (and its make-up working days, 调休) must be entered when the State Council publishes it in Nov–Dec 2026.
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  ],
  // 自受理之次日起: N working days end at the close of the Nth working day after the day of receipt.
  countingRule: 'fromNextWorkingDay',
};

export const CENTRE_LIMITS: Config['centreLimits'] = {
  dispatchDecision: wh(2),
  arbitration: wd(1),
  extensionDecision: wd(1),
  verification: wd(1),
  callback: wd(2),
};

/** Reports of the same category within 50 m and 72 h are merged into the open case (并单); a dispatcher can unmerge. */
export const DUPLICATE_DETECTION: Config['duplicateDetection'] = { enabled: true, radiusMeters: 50, windowHours: 72 };

/**
 * Chengdu 金牛区 digital-city formula (the appraisal module's preset): 处置率×30 + 按期处置率×20 + (1−返工率)×20
 * + (1−超期待处置率)×20 + (1−延期率)×10, monthly; 红黑榜 of five each, as 榆林 publishes them.
 */
export const APPRAISAL: Config['appraisal'] = { ...jinniuPreset(), redList: { top: 5 }, blackList: { bottom: 5 }, minCasesToRank: 5 };
