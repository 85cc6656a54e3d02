/**
 * 部件 (components): city furniture with an owner, coded B + class + subclass in the style of CJ/T 214
 * (the six classes are the standard's; the subclass numbering here is the demo's own). Routing rule:
 * owner first (先属主、后属地), so each row names the owning department; territory answers only for
 * covers nobody owns. Limits: accept within 1 working hour (数字城管); a missing cover, a leaking gas
 * box or exposed live wires are emergencies (15 minutes to accept).
 */
import { LIFE_SAFETY, choice, wd, wh, minutes, type CategorySpec, type Text } from './category-spec.js';

const GROUPS: Record<string, Text> = {
  '01': ['公用设施', 'Public utilities'],
  '02': ['道路交通', 'Roads and traffic'],
  '03': ['市容环境', 'City appearance'],
  '04': ['园林绿化', 'Landscaping and greenery'],
  '05': ['房屋土地', 'Buildings and land'],
  '06': ['其他设施', 'Other facilities'],
};

const COVER_FIELDS = [
  choice('coverState', true, ['井盖问题', 'What is wrong with the cover'], [
    ['missing', '缺失', 'Missing'],
    ['broken', '破损', 'Broken'],
    ['displaced', '移位', 'Displaced'],
    ['sunken', '沉陷或高差', 'Sunken or uneven'],
    ['rattling', '异响', 'Rattles when driven over'],
  ]),
  choice('coverMaterial', false, ['井盖材质', 'Cover material'], [
    ['castIron', '铸铁', 'Cast iron'],
    ['composite', '复合材料', 'Composite'],
    ['concrete', '水泥', 'Concrete'],
    ['steelGrating', '钢格板', 'Steel grating'],
  ]),
];
const COVER_CLOSING: Text = ['井盖已补齐或更换，与路面平齐、无破损、无异响，现场照片已上传', 'Cover replaced or repaired, flush with the road, intact and silent; photo of the result uploaded'];
const REPAIRED: Text = ['设施已修复或更换并恢复正常使用，现场照片已上传', 'Facility repaired or replaced and back in use; photo of the result uploaded'];

interface Entry {
  code: string;
  name: Text;
  handle: CategorySpec['handle'];
  owners: readonly string[];
  coHandlers?: readonly string[];
  closing?: Text;
  extra?: Partial<CategorySpec>;
}

/** Manhole covers are the classic 部件: one subclass per owner, so routing knows whom to call. */
const cover = (code: string, zh: string, en: string, owner: string): Entry => ({
  code,
  name: [zh, en],
  handle: wd(1),
  owners: [owner],
  closing: COVER_CLOSING,
  extra: { emergency: LIFE_SAFETY, fields: COVER_FIELDS },
});

const ENTRIES: readonly Entry[] = [
  cover('B0101', '上水井盖', 'Water supply manhole cover', 'water-supply'),
  cover('B0102', '污水井盖', 'Sewer manhole cover', 'urban-management'),
  cover('B0103', '雨水井盖', 'Storm-water manhole cover', 'urban-management'),
  // Who maintains gutter grates is disputed between the city maintenance service and the builders of
  // newer roads: two owners, so routing asks the centre to name the lead (确权).
  { code: 'B0104', name: ['雨水箅子', 'Storm drain grate'], handle: wd(1), owners: ['urban-management', 'housing-construction'], closing: REPAIRED, extra: { emergency: LIFE_SAFETY } },
  cover('B0105', '电力井盖', 'Power manhole cover', 'power-supply'),
  cover('B0106', '通信井盖', 'Telecom manhole cover', 'telecom'),
  cover('B0107', '燃气井盖', 'Gas manhole cover', 'gas'),
  cover('B0108', '热力井盖', 'District heating manhole cover', 'heating'),
  cover('B0109', '路灯井盖', 'Street-light manhole cover', 'urban-management'),
  // No owner on record: the street answers (属地管理) and the urban-management bureau helps.
  { ...cover('B0110', '无主井盖', 'Manhole cover of unknown owner', 'urban-management'), owners: [], coHandlers: ['urban-management'] },
  { code: 'B0111', name: ['消防栓', 'Fire hydrant'], handle: wd(2), owners: ['water-supply'], coHandlers: ['fire-rescue'], extra: { urgent: { accept: minutes(30), handle: wh(4) } } },
  {
    code: 'B0112',
    name: ['路灯', 'Street light'],
    handle: wd(3),
    owners: ['urban-management'],
    closing: ['路灯已修复并正常亮灯（夜间复核）', 'Light repaired and working (checked after dark)'],
    extra: { fields: [{ code: 'lampNumber', datatype: 'string', required: false, description: { zh: '灯杆编号', en: 'Number on the lamp post' } }] },
  },
  { code: 'B0113', name: ['电力设施', 'Power equipment (boxes, poles, cables)'], handle: wd(2), owners: ['power-supply'], extra: { emergency: LIFE_SAFETY } },
  { code: 'B0114', name: ['通信交接箱', 'Telecom cabinet'], handle: wd(3), owners: ['telecom'] },
  { code: 'B0115', name: ['燃气调压箱', 'Gas pressure regulator box'], handle: wd(1), owners: ['gas'], extra: { emergency: LIFE_SAFETY } },

  { code: 'B0201', name: ['交通信号灯', 'Traffic light'], handle: wd(1), owners: ['traffic-police'], extra: { urgent: { accept: minutes(30), handle: wh(4) } } },
  // Signs are put up by the transport bureau on highways and by the traffic police in town: disputed.
  { code: 'B0202', name: ['交通标志牌', 'Traffic sign'], handle: wd(3), owners: ['traffic-police', 'transport'] },
  { code: 'B0203', name: ['道路护栏', 'Road guardrail'], handle: wd(3), owners: ['urban-management'] },
  { code: 'B0204', name: ['公交站亭', 'Bus shelter'], handle: wd(5), owners: ['transport'] },
  { code: 'B0205', name: ['过街天桥', 'Footbridge'], handle: wd(5), owners: ['urban-management'] },
  { code: 'B0206', name: ['交通监控设施', 'Traffic camera'], handle: wd(5), owners: ['traffic-police'] },

  { code: 'B0301', name: ['公共厕所', 'Public toilet'], handle: wd(2), owners: ['sanitation'], closing: ['设施已修复，厕所正常开放、保洁达标', 'Repaired; the toilet is open and clean'] },
  { code: 'B0302', name: ['垃圾箱', 'Litter bin'], handle: wd(2), owners: ['sanitation'] },
  { code: 'B0303', name: ['垃圾收集点', 'Refuse collection point'], handle: wd(2), owners: ['sanitation'] },
  { code: 'B0304', name: ['户外广告设施', 'Outdoor advertising structure'], handle: wd(5), owners: ['urban-management'], closing: ['广告设施已加固、修复或拆除，无安全隐患', 'Structure secured, repaired or removed; no danger remains'] },

  { code: 'B0401', name: ['行道树', 'Street tree'], handle: wd(3), owners: ['landscaping'], closing: ['树木已修剪、扶正或补植，现场已清理', 'Tree pruned, straightened or replanted; site cleared'] },
  { code: 'B0402', name: ['绿地', 'Green space'], handle: wd(5), owners: ['landscaping'] },
  { code: 'B0403', name: ['护树设施', 'Tree guard'], handle: wd(5), owners: ['landscaping'] },
  { code: 'B0404', name: ['花坛花箱', 'Flower bed or planter'], handle: wd(5), owners: ['landscaping'] },

  {
    code: 'B0501',
    name: ['危房', 'Dangerous building'],
    handle: wd(5),
    owners: ['housing-construction'],
    closing: ['已完成鉴定并采取排危或撤离措施，现场设置警示', 'Inspected; made safe or evacuated, and warning signs put up'],
    extra: { urgent: { accept: minutes(30), handle: wh(4) } },
  },
  { code: 'B0502', name: ['直管公房', 'Publicly managed rental housing'], handle: wd(10), owners: ['housing-construction'] },
  { code: 'B0503', name: ['闲置地块', 'Vacant plot'], handle: wd(10), owners: ['natural-resources'], closing: ['地块已清理或围挡，权属单位已明确管护责任', 'Plot cleared or fenced; the owner has taken charge of its upkeep'] },

  { code: 'B0601', name: ['健身设施', 'Outdoor fitness equipment'], handle: wd(5), owners: ['sports'] },
  { code: 'B0602', name: ['文物保护标志', 'Heritage protection marker'], handle: wd(5), owners: ['culture-tourism'] },
  { code: 'B0603', name: ['防汛设施', 'Flood-control facility'], handle: wd(3), owners: ['water-resources'] },
  { code: 'B0604', name: ['治安监控', 'Public security camera'], handle: wd(5), owners: ['public-security'] },
];

export const COMPONENTS: readonly CategorySpec[] = ENTRIES.map((entry) => ({
  code: entry.code,
  kind: 'component',
  name: entry.name,
  group: groupOf(entry.code),
  accept: wh(1),
  handle: entry.handle,
  ...entry.extra,
  responsibility: {
    rule: 'ownerFirst',
    owners: entry.owners,
    territoryLevel: 'subdistrict',
    ...(entry.coHandlers ? { coHandlers: entry.coHandlers } : {}),
    closing: entry.closing ?? REPAIRED,
  },
}));

function groupOf(code: string): Text {
  const group = GROUPS[code.slice(1, 3)];
  if (!group) throw new Error(`component ${code}: unknown class`);
  return group;
}
