/**
 * A small, complete, valid city for tests: every section of the city schema is filled, the geometry is
 * exact, and the data is shaped after Kaifeng (names of real districts and streets; the communities,
 * grids, people and numbers are made up, hence `demo: true`).
 *
 * Territory: 1 city → 2 districts → 2 subdistricts each → 2 communities each → 4 grids each (32 grids).
 * Grids are squares on one lattice of 8 columns × 4 rows, so neighbours share exactly the same corner
 * coordinates and a community's boundary is exactly the union of its four grids:
 *
 *   rows 2-3 | shuanglongxiang | shudianjie | zhouqiao   | gulou-community |  streets: Beishudian, Zhouqiao
 *   rows 0-1 | tieta           | beimen     | xiangguosi | madaojie        |  streets: Daxing, Xiangguosi
 *              cols 0-1          cols 2-3     cols 4-5     cols 6-7
 *              ---- Longting district ----    ------ Gulou district ------
 *
 * Grid n of a community (1-4) is its south-west, south-east, north-west, north-east square.
 */
import { CityConfig, type CityConfigInput, type OrgUnit } from '../city/schema.js';

/** The lattice lines: grid column i spans `lons[i]`–`lons[i + 1]`, row j spans `lats[j]`–`lats[j + 1]`. */
const STEP_DEGREES = 0.005; // about 460 m east-west and 555 m north-south at Kaifeng's latitude
const lattice = (origin: number, count: number): readonly number[] =>
  // Rounded once here and reused by every grid, so shared edges are bit-identical.
  Array.from({ length: count + 1 }, (_, i) => Number((origin + i * STEP_DEGREES).toFixed(6)));
export const TINY_LATTICE = {
  lons: lattice(114.3, 8),
  lats: lattice(34.78, 4),
} as const;

export const TINY_IDS = {
  city: 'kaifeng',
  districts: { longting: 'longting', gulou: 'gulou' },
  subdistricts: { beishudian: 'beishudian', daxing: 'daxing', xiangguosi: 'xiangguosi', zhouqiao: 'zhouqiao' },
  communities: {
    shuanglongxiang: 'shuanglongxiang',
    shudianjie: 'shudianjie',
    tieta: 'tieta',
    beimen: 'beimen',
    xiangguosi: 'xiangguosi-community',
    madaojie: 'madaojie',
    zhouqiao: 'zhouqiao-community',
    gulou: 'gulou-community',
  },
  departments: {
    urbanManagement: 'city-urban-management',
    longtingUrbanManagement: 'longting-urban-management',
    waterSupply: 'city-water-supply',
    humanResources: 'city-human-resources',
    justice: 'city-justice',
  },
  offices: {
    commandCentre: 'kaifeng-command-centre',
    supervisionOffice: 'kaifeng-supervision-office',
    leaderOffice: 'kaifeng-leader-office',
    longtingCommandCentre: 'longting-command-centre',
  },
  categories: {
    waterCover: 'B0101',
    otherCover: 'B0103',
    litterBin: 'B0301',
    illegalConstruction: 'S0101',
    exposedRubbish: 'S0102',
    labour: 'H001',
  },
} as const;

/** Grid ids are `<community id>-<1..4>`. */
export const tinyGridId = (communityId: string, n: 1 | 2 | 3 | 4): string => `${communityId}-${n}`;

/** When version 2 of the responsibility list takes over (version 1 runs from 2025-01-01). */
export const TINY_VERSION_2_FROM = '2025-07-01T00:00:00+08:00';

interface CommunitySpec {
  id: string;
  zh: string;
  en: string;
  parentId: string;
  /** The south-west grid column and row of the community's 2 × 2 block. */
  col: number;
  row: number;
}

const C = TINY_IDS.communities;
const S = TINY_IDS.subdistricts;
const COMMUNITIES: readonly CommunitySpec[] = [
  { id: C.tieta, zh: '铁塔社区', en: 'Tieta Community', parentId: S.daxing, col: 0, row: 0 },
  { id: C.beimen, zh: '北门社区', en: 'Beimen Community', parentId: S.daxing, col: 2, row: 0 },
  { id: C.shuanglongxiang, zh: '双龙巷社区', en: 'Shuanglongxiang Community', parentId: S.beishudian, col: 0, row: 2 },
  { id: C.shudianjie, zh: '书店街社区', en: 'Shudianjie Community', parentId: S.beishudian, col: 2, row: 2 },
  { id: C.xiangguosi, zh: '相国寺社区', en: 'Xiangguosi Community', parentId: S.xiangguosi, col: 4, row: 0 },
  { id: C.madaojie, zh: '马道街社区', en: 'Madaojie Community', parentId: S.xiangguosi, col: 6, row: 0 },
  { id: C.zhouqiao, zh: '州桥社区', en: 'Zhouqiao Community', parentId: S.zhouqiao, col: 4, row: 2 },
  { id: C.gulou, zh: '鼓楼社区', en: 'Gulou Community', parentId: S.zhouqiao, col: 6, row: 2 },
];

const ZH_NUMERALS = ['一', '二', '三', '四'] as const;

/** A counter-clockwise square (RFC 7946 orientation) spanning lattice cells [col, col+span) × [row, row+span). */
function square(col: number, row: number, span: number): NonNullable<OrgUnit['boundary']> {
  const at = (values: readonly number[], i: number): number => {
    const value = values[i];
    if (value === undefined) throw new RangeError(`lattice index ${i} is outside the tiny city`);
    return value;
  };
  const [west, east] = [at(TINY_LATTICE.lons, col), at(TINY_LATTICE.lons, col + span)];
  const [south, north] = [at(TINY_LATTICE.lats, row), at(TINY_LATTICE.lats, row + span)];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

function territorialUnits(): CityConfigInput['units'] {
  const units: CityConfigInput['units'] = [
    {
      id: TINY_IDS.city,
      level: 'city',
      kind: 'city',
      name: { zh: '开封市', en: 'Kaifeng' },
      contacts: { email: ['zhihui@kaifeng.example.cn'], sms: ['+8637122300000'] },
      head: { name: '王建国', title: { zh: '市长', en: 'Mayor' }, phone: '+8613900000001' },
    },
    { id: TINY_IDS.districts.longting, level: 'district', kind: 'urbanDistrict', parentId: TINY_IDS.city, name: { zh: '龙亭区', en: 'Longting District' }, contacts: { email: ['zhihui@longting.example.cn'], sms: ['+8613900000010'] } },
    { id: TINY_IDS.districts.gulou, level: 'district', kind: 'urbanDistrict', parentId: TINY_IDS.city, name: { zh: '鼓楼区', en: 'Gulou District' }, contacts: { email: ['zhihui@gulou.example.cn'], sms: ['+8613900000020'] } },
    { id: S.beishudian, level: 'subdistrict', kind: 'street', parentId: TINY_IDS.districts.longting, name: { zh: '北书店街道', en: 'Beishudian Subdistrict' }, contacts: { sms: ['+8613900000011'] } },
    { id: S.daxing, level: 'subdistrict', kind: 'street', parentId: TINY_IDS.districts.longting, name: { zh: '大兴街道', en: 'Daxing Subdistrict' }, contacts: { sms: ['+8613900000012'] } },
    { id: S.xiangguosi, level: 'subdistrict', kind: 'street', parentId: TINY_IDS.districts.gulou, name: { zh: '相国寺街道', en: 'Xiangguosi Subdistrict' }, contacts: { sms: ['+8613900000021'] } },
    { id: S.zhouqiao, level: 'subdistrict', kind: 'street', parentId: TINY_IDS.districts.gulou, name: { zh: '州桥街道', en: 'Zhouqiao Subdistrict' }, contacts: { sms: ['+8613900000022'] } },
  ];
  COMMUNITIES.forEach((community, c) => {
    units.push({
      id: community.id,
      level: 'community',
      kind: 'community',
      parentId: community.parentId,
      name: { zh: community.zh, en: community.en },
      boundary: square(community.col, community.row, 2),
      contacts: { sms: [`+86139000001${String(c).padStart(2, '0')}`] },
    });
    ZH_NUMERALS.forEach((numeral, g) => {
      const n = (g + 1) as 1 | 2 | 3 | 4;
      units.push({
        id: tinyGridId(community.id, n),
        level: 'grid',
        kind: 'grid',
        parentId: community.id,
        name: { zh: `${community.zh}第${numeral}网格`, en: `${community.en.replace(' Community', '')} Grid ${n}` },
        boundary: square(community.col + (g % 2), community.row + Math.floor(g / 2), 1),
        contacts: { sms: [`+86139000002${String(c * 4 + g).padStart(2, '0')}`] },
      });
    });
  });
  return units;
}

const D = TINY_IDS.departments;
const CAT = TINY_IDS.categories;

const wd = (amount: number) => ({ amount, unit: 'workingDays' as const });
const wh = (amount: number) => ({ amount, unit: 'workingHours' as const });
const nh = (amount: number) => ({ amount, unit: 'naturalHours' as const });
const nm = (amount: number) => ({ amount, unit: 'naturalMinutes' as const });

type RowInput = CityConfigInput['responsibilityList']['versions'][number]['rows'][number];

function version1Rows(): RowInput[] {
  return [
    {
      categoryCode: CAT.waterCover,
      ownerRule: 'ownerFirst',
      ownerIds: [D.waterSupply],
      territoryLevel: 'community',
      closingCondition: { zh: '井盖已补齐或更换，安装平稳', en: 'The cover is replaced or refitted and sits level' },
    },
    {
      // Nobody can tell from the street whose unmarked cover it is: the centre must decide (确权).
      categoryCode: CAT.otherCover,
      ownerRule: 'ownerFirst',
      ownerIds: [D.waterSupply, D.urbanManagement],
      territoryLevel: 'subdistrict',
      closingCondition: { zh: '井盖已补齐或更换，权属单位已确认', en: 'The cover is replaced and its owner confirmed' },
    },
    {
      // 无主部件: no owner on record, so the community answers and the bureau helps.
      categoryCode: CAT.litterBin,
      ownerRule: 'ownerFirst',
      ownerIds: [],
      territoryLevel: 'community',
      coHandlerIds: [D.urbanManagement],
      closingCondition: { zh: '垃圾箱已修复或更换', en: 'The litter bin is repaired or replaced' },
    },
    {
      categoryCode: CAT.illegalConstruction,
      ownerRule: 'territoryFirst',
      ownerIds: [D.urbanManagement],
      territoryLevel: 'subdistrict',
      closingCondition: { zh: '违法建筑已停工并依法处理', en: 'Work on the illegal structure has stopped and it is dealt with by law' },
    },
    {
      categoryCode: CAT.exposedRubbish,
      ownerRule: 'territoryFirst',
      ownerIds: [D.urbanManagement],
      territoryLevel: 'community',
      closingCondition: { zh: '垃圾已清运，地面无残留', en: 'The rubbish is removed and nothing is left on the ground' },
    },
    {
      // Longting sank sanitation enforcement to its streets with a district bureau behind them.
      categoryCode: CAT.exposedRubbish,
      areaIds: [TINY_IDS.districts.longting],
      ownerRule: 'territoryFirst',
      ownerIds: [D.longtingUrbanManagement],
      territoryLevel: 'subdistrict',
      closingCondition: { zh: '垃圾已清运，地面无残留', en: 'The rubbish is removed and nothing is left on the ground' },
      limits: { accept: wh(1), handle: wh(4) },
    },
    {
      categoryCode: CAT.labour,
      ownerRule: 'ownerFirst',
      ownerIds: [D.humanResources],
      coHandlerIds: [D.justice],
      closingCondition: { zh: '已答复诉求人，欠薪已追回或已告知维权途径', en: 'The caller has an answer: wages recovered or the legal route explained' },
    },
  ];
}

function version2Rows(): RowInput[] {
  // Version 2 hands litter bins to the urban management bureau; every other row is unchanged.
  return version1Rows().map((row) =>
    row.categoryCode === CAT.litterBin
      ? { ...row, ownerIds: [D.urbanManagement], coHandlerIds: [], closingCondition: { zh: '垃圾箱已修复或更换', en: 'The litter bin is repaired or replaced' } }
      : row,
  );
}

function cityInput(): CityConfigInput {
  return {
    schemaVersion: 1,
    id: 'tiny-kaifeng',
    name: { zh: '开封（测试小城）', en: 'Kaifeng (tiny test city)' },
    demo: true,
    locale: 'zh-CN',
    units: territorialUnits(),
    departments: [
      {
        id: D.urbanManagement,
        name: { zh: '开封市城市管理局', en: 'Kaifeng Urban Management Bureau' },
        level: 'city',
        platform: 'enforcement',
        supervisorId: TINY_IDS.city,
        contacts: { email: ['paidan@cgj.kaifeng.example.cn'], sms: ['+8613900000301'] },
        head: { name: '李志强', title: { zh: '局长', en: 'Director' }, phone: '+8613900000300' },
      },
      {
        id: D.longtingUrbanManagement,
        name: { zh: '龙亭区城市管理局', en: 'Longting District Urban Management Bureau' },
        level: 'district',
        platform: 'enforcement',
        supervisorId: TINY_IDS.districts.longting,
        contacts: { email: ['paidan@cgj.longting.example.cn'], sms: ['+8613900000311'] },
      },
      {
        id: D.waterSupply,
        name: { zh: '开封市供水总公司', en: 'Kaifeng Water Supply Company' },
        level: 'city',
        platform: 'service',
        supervisorId: TINY_IDS.city,
        contacts: { email: ['qiangxiu@water.kaifeng.example.cn'], sms: ['+8613900000321'] },
      },
      {
        id: D.humanResources,
        name: { zh: '开封市人力资源和社会保障局', en: 'Kaifeng Human Resources and Social Security Bureau' },
        level: 'city',
        platform: 'service',
        supervisorId: TINY_IDS.city,
        contacts: { email: ['12345@rsj.kaifeng.example.cn'], sms: ['+8613900000331'] },
      },
      {
        id: D.justice,
        name: { zh: '开封市司法局', en: 'Kaifeng Justice Bureau' },
        level: 'city',
        platform: 'governance',
        supervisorId: TINY_IDS.city,
        contacts: { email: ['falvyuanzhu@sfj.kaifeng.example.cn'], sms: ['+8613900000341'] },
      },
    ],
    offices: [
      {
        id: TINY_IDS.offices.commandCentre,
        role: 'commandCentre',
        unitId: TINY_IDS.city,
        name: { zh: '开封市基层社会治理服务保障中心', en: 'Kaifeng Grassroots Governance Service Centre' },
        contacts: { email: ['zhihui@kaifeng.example.cn'], sms: ['+8613900000401'] },
      },
      {
        id: TINY_IDS.offices.supervisionOffice,
        role: 'supervisionOffice',
        unitId: TINY_IDS.city,
        name: { zh: '开封市人民政府督查室', en: 'Kaifeng Government Inspection Office' },
        contacts: { email: ['ducha@kaifeng.example.cn'], sms: ['+8613900000402'] },
      },
      {
        id: TINY_IDS.offices.leaderOffice,
        role: 'leaderOffice',
        unitId: TINY_IDS.city,
        name: { zh: '开封市人民政府办公室', en: 'Kaifeng Government General Office' },
        contacts: { email: ['zfb@kaifeng.example.cn'], sms: [] },
      },
      {
        id: TINY_IDS.offices.longtingCommandCentre,
        role: 'commandCentre',
        unitId: TINY_IDS.districts.longting,
        name: { zh: '龙亭区综合指挥中心', en: 'Longting District Command Centre' },
        contacts: { email: ['zhihui@longting.example.cn'], sms: ['+8613900000411'] },
      },
    ],
    categories: [
      {
        code: CAT.waterCover,
        kind: 'component',
        name: { zh: '上水井盖', en: 'Water supply manhole cover' },
        group: { zh: '公用设施', en: 'Public utilities' },
        defaultUrgency: 'urgent',
        limits: {
          routine: { accept: wh(1), handle: wd(1) },
          urgent: { accept: nm(30), handle: nh(4) },
          emergency: { accept: nm(15), handle: nh(2) },
        },
      },
      {
        code: CAT.otherCover,
        kind: 'component',
        name: { zh: '其他井盖', en: 'Other manhole cover' },
        group: { zh: '公用设施', en: 'Public utilities' },
        defaultUrgency: 'urgent',
        limits: { routine: { accept: wh(1), handle: wd(1) }, urgent: { accept: nm(30), handle: nh(4) } },
      },
      {
        code: CAT.litterBin,
        kind: 'component',
        name: { zh: '垃圾箱', en: 'Litter bin' },
        group: { zh: '市容环境', en: 'City appearance' },
        limits: { routine: { accept: wh(1), handle: wd(3) } },
      },
      {
        code: CAT.illegalConstruction,
        kind: 'event',
        name: { zh: '私搭乱建', en: 'Illegal construction' },
        group: { zh: '市容环境', en: 'City appearance' },
        limits: { routine: { accept: wd(1), handle: wd(15) }, urgent: { accept: wh(4), handle: wd(7) } },
        fields: [
          {
            code: 'stage',
            datatype: 'singlevaluelist',
            required: true,
            description: { zh: '施工状态', en: 'Construction stage' },
            values: [
              { key: 'ongoing', name: { zh: '正在施工', en: 'Work in progress' } },
              { key: 'finished', name: { zh: '已建成', en: 'Already built' } },
            ],
          },
        ],
      },
      {
        code: CAT.exposedRubbish,
        kind: 'event',
        name: { zh: '暴露垃圾', en: 'Exposed rubbish' },
        group: { zh: '市容环境', en: 'City appearance' },
        limits: { routine: { accept: wh(1), handle: wd(1) } },
        fields: [
          { code: 'volumeM3', datatype: 'number', required: false, description: { zh: '估计体积（立方米）', en: 'Estimated volume (m³)' } },
        ],
      },
      {
        code: CAT.labour,
        kind: 'hotline',
        name: { zh: '劳动保障', en: 'Labour and social security' },
        group: { zh: '人社', en: 'Human resources and social security' },
        limits: { routine: { accept: wd(1), handle: wd(5) }, urgent: { accept: wh(2), handle: wd(3) } },
        requestTypeLimits: { consultation: wd(2), assistance: wd(5), complaint: wd(13), report: wd(13), suggestion: wd(13) },
      },
    ],
    responsibilityList: {
      versions: [
        { version: 1, effectiveFrom: '2025-01-01T00:00:00+08:00', note: '2025 派单目录', rows: version1Rows() },
        { version: 2, effectiveFrom: TINY_VERSION_2_FROM, note: '垃圾箱移交市城管局 (litter bins handed to the bureau)', rows: version2Rows() },
      ],
    },
    escalation: {
      steps: [
        { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.8 }, notify: ['unit'], supervisingLayer: 'community' },
        { rung: 'urge', trigger: { at: 'afterExpiry', delay: wd(0) }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict', card: 'yellow' },
        { rung: 'supervise', trigger: { at: 'afterExpiry', delay: wd(2) }, notify: ['unit', 'unitHead', 'supervisingUnit', 'commandCentre'], supervisingLayer: 'district', card: 'yellow' },
        { rung: 'listed', trigger: { at: 'afterExpiry', delay: wd(5) }, notify: ['unitHead', 'supervisionOffice', 'commandCentre'], supervisingLayer: 'city', card: 'red' },
        { rung: 'interview', trigger: { at: 'afterExpiry', delay: wd(10) }, notify: ['unitHead', 'supervisionOffice', 'leaderOffice'], supervisingLayer: 'city', card: 'red' },
      ],
      byUrgency: {
        emergency: [
          { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.5 }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict' },
          { rung: 'urge', trigger: { at: 'afterExpiry', delay: nm(0) }, notify: ['unit', 'unitHead', 'commandCentre'], supervisingLayer: 'district', card: 'yellow' },
          { rung: 'supervise', trigger: { at: 'afterExpiry', delay: nh(1) }, notify: ['unitHead', 'supervisingUnit', 'commandCentre'], supervisingLayer: 'city', card: 'red' },
        ],
      },
    },
    calendar: {
      timeZone: 'Asia/Shanghai',
      workingHours: [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
      holidaySource: 'chinese-days',
      overrides: [],
      countingRule: 'fromNextWorkingDay',
    },
    maxReturns: 2,
    centreLimits: {
      dispatchDecision: wh(1),
      arbitration: wd(1),
      extensionDecision: wd(1),
      verification: wd(1),
      callback: wd(2),
    },
    duplicateDetection: { radiusMeters: 50, windowHours: 72 },
    appraisal: {
      preset: 'jinhua-digital-city',
      period: 'month',
      metrics: [
        { metric: 'onTimeCompletionRate', scoring: { kind: 'floor', full: 50, floor: 0.7, perPoint: 1 } },
        { metric: 'completionRate', scoring: { kind: 'floor', full: 20, floor: 0.9, perPoint: 1 } },
        { metric: 'satisfactionRate', scoring: { kind: 'bands', bands: [{ min: 0.9, points: 20 }, { min: 0.67, points: 12.5 }, { min: 0, points: 0 }] } },
        { metric: 'reworkRate', scoring: { kind: 'weighted', weight: 10, invert: true } },
        { metric: 'reworkCount', scoring: { kind: 'perCount', points: -0.2 } },
      ],
      redList: { top: 3 },
      blackList: { bottom: 2 },
      minCasesToRank: 1,
    },
    users: [
      { id: 'citizen-zhang', name: '张秀英', role: 'citizen', phone: '+8613800000001' },
      { id: 'grid-worker-liu', name: '刘洋', role: 'gridWorker', unitId: tinyGridId(C.shuanglongxiang, 1), phone: '+8613800000002' },
      { id: 'staff-chen', name: '陈静', role: 'unitStaff', unitId: D.urbanManagement, email: 'chenjing@cgj.kaifeng.example.cn' },
      { id: 'head-zhao', name: '赵敏', role: 'unitHead', unitId: C.shuanglongxiang, phone: '+8613800000004' },
      { id: 'dispatcher-sun', name: '孙丽', role: 'dispatcher', scopeUnitId: TINY_IDS.city, email: 'sunli@kaifeng.example.cn' },
      { id: 'dispatcher-zhou', name: '周强', role: 'dispatcher', scopeUnitId: TINY_IDS.districts.longting },
      { id: 'supervisor-wu', name: '吴刚', role: 'supervisor', scopeUnitId: TINY_IDS.city },
      { id: 'admin-zheng', name: '郑磊', role: 'admin', email: 'it@kaifeng.example.cn' },
    ],
  };
}

/** A fresh, parsed (defaults filled) tiny city; callers may mutate it freely. */
export const tinyCity = (): CityConfig => CityConfig.parse(cityInput());
