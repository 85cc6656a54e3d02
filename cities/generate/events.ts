/**
 * 事件 (events): things that happen rather than things that break, coded S + class + subclass. The six
 * classes are the 数字城管 ones; limits come from the 立结案标准 tables quoted in REFERENCE.md where
 * they exist (暴露垃圾 1 wd, 积存渣土 4 wd, 违法搭建 15 wd with work stopped within 4 hours, 道路不洁
 * 5 working hours) and are plausible otherwise. Routing rule: territory first (先属地、后属主), the
 * competent department helping; events with one obvious owner (a burst main, a gas leak, a fallen tree)
 * go straight to the owner, because sending a gas leak to the township first would cost lives.
 */
import { LIFE_SAFETY, PLATE_NUMBER, UTILITY, choice, minutes, nh, wd, wh, type CategorySpec, type Responsibility, type Text } from './category-spec.js';

const GROUPS: Record<string, Text> = {
  '01': ['市容环境', 'City appearance'],
  '02': ['宣传广告', 'Advertising'],
  '03': ['施工管理', 'Construction'],
  '04': ['突发事件', 'Emergencies'],
  '05': ['街面秩序', 'Street order'],
  '06': ['其他事件', 'Other matters'],
};

const CLEARED: Text = ['现场已清理干净，无残留，现场照片已上传', 'Site cleaned, nothing left; photo of the result uploaded'];
const STOPPED: Text = ['违规行为已制止或已依法立案查处，现场恢复正常', 'Stopped, or a case opened under the law; the site is back to normal'];
const RESTORED: Text = ['供应已恢复，已告知受影响居民', 'Supply restored and the affected residents told'];

type Level = Responsibility['territoryLevel'];

interface Entry {
  code: string;
  name: Text;
  handle: CategorySpec['handle'];
  owners: readonly string[];
  /** Territory first unless an owner is named as obvious. */
  ownerFirst?: true;
  level?: Level;
  coHandlers?: readonly string[];
  closing?: Text;
  extra?: Partial<CategorySpec>;
}

const e = (code: string, name: Text, handle: CategorySpec['handle'], owners: readonly string[], more: Partial<Entry> = {}): Entry => ({
  code,
  name,
  handle,
  owners,
  ...more,
});
const utility = (code: string, name: Text, owner: string): Entry =>
  e(code, name, wd(1), [owner], { ownerFirst: true, closing: RESTORED, extra: { defaultUrgency: 'urgent', urgent: UTILITY } });

const ENTRIES: readonly Entry[] = [
  e('S0101', ['违法搭建', 'Illegal building'], wd(15), ['urban-management'], {
    coHandlers: ['natural-resources'],
    closing: ['违建已拆除，或已依法立案查处且施工已停止', 'Structure demolished, or a case opened under the law and the work stopped'],
    // Building work in progress must be stopped within 4 working hours; demolition takes the routine 15 days.
    extra: { urgent: { accept: wh(1), handle: wh(4) } },
  }),
  e('S0102', ['暴露垃圾', 'Exposed rubbish'], wd(1), ['sanitation'], { closing: ['垃圾已清运，现场无残留', 'Rubbish removed, nothing left on site'] }),
  e('S0103', ['积存渣土', 'Accumulated construction waste'], wd(4), ['urban-management'], { coHandlers: ['housing-construction'], closing: CLEARED }),
  e('S0104', ['道路不洁', 'Dirty road'], wh(5), ['sanitation'], { closing: ['路面已清扫保洁，达到作业标准', 'Road swept to the cleaning standard'] }),
  e('S0105', ['水域不洁', 'Litter on a river or lake'], wd(2), ['water-resources'], { closing: ['水面漂浮物已打捞清理', 'Floating litter removed'] }),
  e('S0106', ['绿地脏乱', 'Untidy green space'], wd(1), ['landscaping'], { level: 'community', closing: CLEARED }),
  e('S0107', ['焚烧垃圾树叶', 'Burning rubbish or leaves'], wh(4), ['ecology-environment'], { level: 'community', closing: ['明火已扑灭，焚烧物已清理', 'Fire put out and the remains cleared'] }),
  e('S0108', ['餐饮油烟', 'Cooking fumes from restaurants'], wd(5), ['urban-management'], {
    closing: ['已责令安装或清洗油烟净化设施，复查达标', 'Ordered to fit or clean fume extraction; re-inspection passed'],
  }),
  e('S0109', ['动物尸体', 'Dead animal'], wh(4), ['sanitation'], { level: 'community', closing: ['动物尸体已无害化处理，现场已消毒', 'Carcass disposed of safely and the spot disinfected'] }),
  e('S0110', ['废弃家具', 'Dumped furniture'], wd(2), ['sanitation'], { level: 'community', closing: CLEARED }),

  e('S0201', ['非法小广告', 'Illegal flyers and stickers'], wd(1), ['urban-management'], { level: 'community', closing: ['小广告已清除，墙面已恢复', 'Stickers removed and the surface restored'] }),
  e('S0202', ['违规户外广告', 'Unapproved outdoor advertising'], wd(5), ['urban-management'], { closing: ['违规广告已拆除或已补办审批', 'Advert removed or approved after the fact'] }),
  e('S0203', ['街头散发广告', 'Leafleting in the street'], wh(4), ['urban-management'], { level: 'community', closing: STOPPED }),
  e('S0204', ['门头牌匾破损', 'Damaged shop sign'], wd(3), ['urban-management'], {
    closing: ['牌匾已修复或拆除，无坠落隐患', 'Sign repaired or taken down; nothing can fall'],
    extra: { urgent: { accept: minutes(30), handle: wh(4) } },
  }),

  e('S0301', ['施工扰民', 'Construction disturbing residents'], wd(1), ['housing-construction'], { coHandlers: ['ecology-environment'], closing: STOPPED }),
  e('S0302', ['工地扬尘', 'Dust from a building site'], wd(1), ['housing-construction'], {
    coHandlers: ['ecology-environment'],
    closing: ['工地已落实覆盖、洒水、冲洗等降尘措施', 'Site covered, sprayed and wheel-washed to keep dust down'],
  }),
  e('S0303', ['施工占道', 'Construction blocking the road'], wd(2), ['urban-management'], { coHandlers: ['traffic-police'], closing: STOPPED }),
  e('S0304', ['渣土运输撒漏', 'Spillage from muck trucks'], wh(4), ['urban-management'], {
    coHandlers: ['traffic-police'],
    closing: ['撒漏路面已清理，涉事车辆已查处', 'Spill cleared and the truck dealt with'],
    extra: { fields: [PLATE_NUMBER] },
  }),
  e('S0305', ['道路破损', 'Damaged road surface'], wd(3), ['urban-management'], {
    ownerFirst: true,
    closing: ['路面已修补平整', 'Road surface patched and level'],
  }),
  e('S0306', ['无证掘路', 'Road dug up without a permit'], wd(1), ['urban-management'], { coHandlers: ['housing-construction'], closing: STOPPED }),

  e('S0401', ['路面塌陷', 'Road collapse'], wd(1), ['urban-management'], {
    ownerFirst: true,
    coHandlers: ['traffic-police'],
    closing: ['塌陷处已围挡警示并修复，交通恢复', 'Hole fenced off and repaired; traffic restored'],
    extra: { defaultUrgency: 'emergency', emergency: { accept: minutes(15), handle: nh(4) } },
  }),
  e('S0402', ['供水管道爆裂', 'Burst water main'], wd(1), ['water-supply'], {
    ownerFirst: true,
    closing: ['管道已抢修，路面已恢复，供水正常', 'Main repaired, road reinstated, water back on'],
    extra: { defaultUrgency: 'urgent', urgent: UTILITY, emergency: { accept: minutes(15), handle: nh(4) } },
  }),
  e('S0403', ['燃气泄漏', 'Gas leak'], wd(1), ['gas'], {
    ownerFirst: true,
    coHandlers: ['fire-rescue'],
    closing: ['泄漏点已封堵，检测无残留燃气', 'Leak sealed; no gas detected on a re-check'],
    extra: { defaultUrgency: 'emergency', emergency: LIFE_SAFETY },
  }),
  e('S0404', ['下水道堵塞冒溢', 'Blocked or overflowing sewer'], wd(2), ['urban-management'], {
    ownerFirst: true,
    closing: ['管道已疏通，冒溢已停止，现场已清理', 'Sewer cleared, overflow stopped, site cleaned'],
    extra: { defaultUrgency: 'urgent', urgent: UTILITY },
  }),
  e('S0405', ['道路积水', 'Flooded road'], wd(1), ['urban-management'], {
    coHandlers: ['water-resources'],
    closing: ['积水已排除，道路通行正常', 'Water drained; the road is passable'],
    extra: { defaultUrgency: 'urgent', urgent: { accept: minutes(30), handle: nh(12) } },
  }),
  e('S0406', ['树木倒伏', 'Fallen tree'], wd(1), ['landscaping'], {
    ownerFirst: true,
    coHandlers: ['traffic-police'],
    closing: ['倒伏树木已清理，道路已通行', 'Tree removed; the road is open'],
    extra: { defaultUrgency: 'emergency', emergency: LIFE_SAFETY },
  }),
  utility('S0407', ['停电', 'Power cut'], 'power-supply'),
  utility('S0408', ['停气', 'Gas supply cut'], 'gas'),
  utility('S0409', ['停暖', 'Heating failure'], 'heating'),
  utility('S0410', ['停水', 'Water supply cut'], 'water-supply'),
  e('S0411', ['积雪结冰', 'Snow and ice on the road'], wd(1), ['sanitation'], {
    closing: ['积雪已清除，结冰路段已撒布融雪剂', 'Snow cleared and icy stretches gritted'],
    extra: { defaultUrgency: 'urgent', urgent: { accept: minutes(30), handle: wh(4) } },
  }),

  e('S0501', ['占道经营', 'Trading on the roadway'], wd(1), ['urban-management'], { closing: STOPPED }),
  e('S0502', ['店外经营', 'Trading outside the shop front'], wd(1), ['urban-management'], { level: 'community', closing: STOPPED }),
  e('S0503', ['无照游商', 'Unlicensed hawker'], wh(4), ['urban-management'], { coHandlers: ['market-regulation'], closing: STOPPED }),
  e('S0504', ['机动车乱停放', 'Illegally parked vehicle'], wh(2), ['traffic-police'], {
    ownerFirst: true,
    closing: ['车辆已驶离或已依法处理', 'Vehicle moved or dealt with under the law'],
    extra: { fields: [PLATE_NUMBER] },
  }),
  e('S0505', ['非机动车乱停放', 'Disorderly bicycle parking'], wd(1), ['urban-management'], {
    level: 'community',
    closing: ['车辆已规整或清运，通道畅通', 'Bicycles lined up or removed; the way is clear'],
  }),
  e('S0506', ['沿街晾挂', 'Laundry hung along the street'], wd(1), ['urban-management'], { level: 'community', closing: STOPPED }),
  e('S0507', ['露天烧烤', 'Open-air barbecue'], wh(4), ['urban-management'], { coHandlers: ['ecology-environment'], closing: STOPPED }),
  e('S0508', ['流浪乞讨', 'Homeless person or beggar'], wd(1), ['civil-affairs'], {
    coHandlers: ['public-security'],
    closing: ['已劝导并由救助站接收或护送返乡', 'Persuaded to accept help; taken in by the relief station or seen home'],
  }),
  e('S0509', ['违规养犬', 'Dog kept against the rules'], wd(2), ['public-security'], { level: 'community', closing: STOPPED }),

  e('S0601', ['噪声扰民', 'Noise disturbing residents'], wd(1), ['public-security'], {
    level: 'community',
    coHandlers: ['ecology-environment'],
    closing: ['噪声源已停止或已整改，回访诉求人确认', 'Noise stopped or fixed; confirmed with the caller'],
    extra: {
      fields: [
        choice('noiseSource', false, ['噪声来源', 'Where the noise comes from'], [
          ['shop', '商铺经营', 'A shop'],
          ['entertainment', '娱乐场所', 'An entertainment venue'],
          ['neighbour', '邻里生活', 'A neighbour'],
          ['squareDance', '广场舞', 'Square dancing'],
          ['other', '其他', 'Other'],
        ]),
      ],
    },
  }),
  e('S0602', ['违法排污', 'Illegal discharge of pollutants'], wd(2), ['ecology-environment'], {
    closing: ['排污行为已制止，已依法立案查处', 'Discharge stopped and a case opened under the law'],
    extra: { urgent: { accept: minutes(30), handle: wh(4) } },
  }),
  e('S0603', ['私设地锁', 'Private parking lock on public land'], wd(2), ['urban-management'], { level: 'community', closing: ['地锁已拆除', 'Lock removed'] }),
  e('S0604', ['僵尸车', 'Abandoned vehicle'], wd(5), ['traffic-police'], {
    closing: ['车辆已由车主挪走或已依法拖移', 'Vehicle moved by its owner or towed under the law'],
    extra: { fields: [PLATE_NUMBER] },
  }),
  e('S0605', ['毁绿占绿', 'Damage to or seizure of green space'], wd(3), ['landscaping'], {
    closing: ['违规行为已制止，绿地已恢复', 'Stopped, and the green space restored'],
  }),
];

export const EVENTS: readonly CategorySpec[] = ENTRIES.map((entry) => ({
  code: entry.code,
  kind: 'event',
  name: entry.name,
  group: groupOf(entry.code),
  accept: wh(1),
  handle: entry.handle,
  ...entry.extra,
  responsibility: {
    rule: entry.ownerFirst ? 'ownerFirst' : 'territoryFirst',
    owners: entry.owners,
    territoryLevel: entry.level ?? 'subdistrict',
    ...(entry.coHandlers ? { coHandlers: entry.coHandlers } : {}),
    closing: entry.closing ?? STOPPED,
  },
}));

function groupOf(code: string): Text {
  const group = GROUPS[code.slice(1, 3)];
  if (!group) throw new Error(`event ${code}: unknown class`);
  return group;
}
