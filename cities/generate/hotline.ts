/**
 * 12345 hotline topics (H + 3 digits). The first six are Kaifeng's busiest topics of January 2025 in
 * order (城市管理, 劳动保障, 市容市貌, 消费维权, 供水, 供气); the rest are common 12345 topics. Handling
 * limits depend on the request type (咨询 2, 求助 5, 投诉/举报/建议 13 working days, counted from the
 * next working day); acceptance within 1 working day, except water, gas, power and heat (30 minutes),
 * where a request for help is an outage and gets 24 hours.
 */
import type { Duration, RequestType } from '../../functions/domain/city/schema.js';
import { UTILITY, minutes, nh, wd, type CategorySpec, type Text } from './category-spec.js';

const G = {
  building: ['城乡建设', 'Urban and rural development'],
  utilities: ['公用事业', 'Public utilities'],
  livelihood: ['民生保障', 'Livelihoods and social security'],
  market: ['市场经济', 'Markets and commerce'],
  transport: ['交通出行', 'Transport'],
  safety: ['公共安全', 'Public safety'],
  environment: ['生态环境', 'Environment'],
  rural: ['农业农村', 'Agriculture and rural affairs'],
  culture: ['文化旅游', 'Culture and tourism'],
  government: ['政务服务', 'Government services'],
} as const satisfies Record<string, Text>;

const STANDARD: Partial<Record<RequestType, Duration>> = {
  consultation: wd(2),
  assistance: wd(5),
  complaint: wd(13),
  report: wd(13),
  suggestion: wd(13),
};
const UTILITY_TYPES: Partial<Record<RequestType, Duration>> = { ...STANDARD, assistance: nh(24) };

const ANSWERED: Text = ['承办单位已联系诉求人并答复，办理结果已录入系统', 'The handling unit has contacted the caller and answered; the result is on record'];

interface Entry {
  name: Text;
  group: Text;
  owner: string;
  /** City-appearance topics go to the street first, like the matching 数字城管 events. */
  territoryFirst?: 'subdistrict' | 'community';
  utility?: true;
  closing?: Text;
  fields?: CategorySpec['fields'];
}

const ENTRIES: readonly Entry[] = [
  { name: ['城市管理', 'Urban management'], group: G.building, owner: 'urban-management', territoryFirst: 'subdistrict' },
  {
    name: ['劳动保障', 'Labour rights (wage arrears)'],
    group: G.livelihood,
    owner: 'human-resources',
    closing: ['已约谈用人单位，欠薪已支付或已立案查处，已答复诉求人', 'Employer summoned; wages paid or a case opened; caller answered'],
    fields: [
      { code: 'employerName', datatype: 'string', required: false, description: { zh: '用人单位名称', en: 'Employer' } },
      { code: 'amountOwed', datatype: 'number', required: false, description: { zh: '拖欠金额（元）', en: 'Amount owed (yuan)' } },
    ],
  },
  { name: ['市容市貌', 'City appearance'], group: G.building, owner: 'urban-management', territoryFirst: 'subdistrict' },
  { name: ['消费维权', 'Consumer rights'], group: G.market, owner: 'market-regulation' },
  {
    name: ['供水', 'Water supply'],
    group: G.utilities,
    owner: 'water-supply',
    utility: true,
    fields: [{ code: 'accountNumber', datatype: 'string', required: false, description: { zh: '用户号', en: 'Customer account number' } }],
  },
  { name: ['供气', 'Gas supply'], group: G.utilities, owner: 'gas', utility: true },
  { name: ['供电', 'Power supply'], group: G.utilities, owner: 'power-supply', utility: true },
  { name: ['供暖', 'Heating'], group: G.utilities, owner: 'heating', utility: true },
  { name: ['交通出行', 'Getting around (buses, taxis, roads)'], group: G.transport, owner: 'transport' },
  { name: ['教育', 'Education'], group: G.livelihood, owner: 'education' },
  { name: ['医疗卫生', 'Health care'], group: G.livelihood, owner: 'health' },
  { name: ['住房', 'Housing'], group: G.building, owner: 'housing-construction' },
  { name: ['环境保护', 'Environmental protection'], group: G.environment, owner: 'ecology-environment' },
  { name: ['社会保障', 'Social insurance'], group: G.livelihood, owner: 'human-resources' },
  { name: ['医疗保障', 'Medical insurance'], group: G.livelihood, owner: 'medical-security' },
  { name: ['民政服务', 'Civil affairs (elderly, subsistence allowance)'], group: G.livelihood, owner: 'civil-affairs' },
  { name: ['物业管理', 'Property management'], group: G.building, owner: 'housing-construction', territoryFirst: 'community' },
  { name: ['规划国土', 'Planning and land'], group: G.building, owner: 'natural-resources' },
  { name: ['通信网络', 'Telephone and internet service'], group: G.utilities, owner: 'telecom' },
  { name: ['商贸流通', 'Trade and shops'], group: G.market, owner: 'commerce' },
  { name: ['交通违法', 'Traffic violations'], group: G.transport, owner: 'traffic-police' },
  { name: ['公共安全', 'Public order'], group: G.safety, owner: 'public-security' },
  { name: ['消防安全', 'Fire safety'], group: G.safety, owner: 'fire-rescue' },
  { name: ['安全生产', 'Workplace safety'], group: G.safety, owner: 'emergency-management' },
  { name: ['水利防汛', 'Water resources and flood control'], group: G.environment, owner: 'water-resources' },
  { name: ['农业农村', 'Agriculture and villages'], group: G.rural, owner: 'agriculture' },
  { name: ['文化旅游', 'Culture and tourism'], group: G.culture, owner: 'culture-tourism' },
  { name: ['政务服务', 'Government services and permits'], group: G.government, owner: 'government-services' },
];

export const HOTLINE_TOPICS: readonly CategorySpec[] = ENTRIES.map((entry, k) => ({
  code: `H${String(k + 1).padStart(3, '0')}`,
  kind: 'hotline',
  name: entry.name,
  group: entry.group,
  accept: entry.utility ? minutes(30) : wd(1),
  handle: wd(5),
  ...(entry.utility ? { urgent: UTILITY } : {}),
  requestTypeLimits: entry.utility ? UTILITY_TYPES : STANDARD,
  ...(entry.fields ? { fields: entry.fields } : {}),
  responsibility: entry.territoryFirst
    ? { rule: 'territoryFirst', owners: [entry.owner], territoryLevel: entry.territoryFirst, closing: entry.closing ?? ANSWERED }
    : { rule: 'ownerFirst', owners: [entry.owner], territoryLevel: 'district', closing: entry.closing ?? ANSWERED },
}));
