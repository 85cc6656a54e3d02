/**
 * The nine county-level units and their streets (街道), towns (镇) and townships (乡), and the rough
 * geography the generator grows them on.
 *
 * Names: the county-level units are Kaifeng's real ones. Street, town and township names are real as far
 * as the author knows (general knowledge, not checked against the current 行政区划 list); those marked
 * `doubtful` may be misremembered or outdated (towns get promoted from 乡 to 镇, streets get split).
 * Nothing in this file is invented; communities, villages, grids and people are generated (names.ts).
 *
 * Geography: a hand-drawn outline of the prefecture (Yellow River to the north, 兰考 reaching east, 尉氏
 * south-west), each unit grown from its seat to roughly its real land area, so the four old urban districts
 * come out small around the walled city and 祥符区 wraps round them. Plausible, not surveyed.
 */
import type { Position } from './geometry.js';

export interface SubdistrictSpec {
  zh: string;
  /** Pinyin without tones: the id part and, capitalised, the English name. */
  slug: string;
  kind: 'street' | 'town' | 'township';
  /** Relative land area within its district. */
  weight: number;
  /** Placed near the district's centre (streets, the seat town); listed first. */
  central: boolean;
  /** Share of its communities that are urban 社区 rather than villages 村 (default by kind). */
  communityShare?: number;
  doubtful?: true;
}

export interface DistrictSpec {
  id: string;
  zh: string;
  en: string;
  kind: 'urbanDistrict' | 'county';
  /** Where the unit is grown from (roughly its seat). */
  seat: Position;
  /** Land area in km², roughly the real one; sets the unit's share of the prefecture. */
  areaKm2: number;
  /** Where its streets gather: the walled city for the old urban districts, the seat elsewhere. */
  centre: Position;
  subdistricts: SubdistrictSpec[];
}

/** The walled city (老城区), around which the old urban districts' streets lie. */
const OLD_CITY: Position = [114.35, 34.8];

/** A rough outline of the prefecture, clockwise from the north-west along the Yellow River. */
export const PREFECTURE_OUTLINE: readonly Position[] = [
  [114.1, 34.92], [114.25, 34.94], [114.45, 34.95], [114.62, 34.96], [114.78, 34.99], [114.95, 35.02], [115.05, 35.02],
  [115.13, 34.96], [115.15, 34.87], [115.08, 34.77], [115.0, 34.72], [114.96, 34.62], [114.95, 34.46], [114.92, 34.36],
  [114.8, 34.33], [114.65, 34.34], [114.52, 34.35], [114.4, 34.31], [114.3, 34.24], [114.15, 34.21], [114.02, 34.24],
  [113.93, 34.33], [113.94, 34.47], [114.02, 34.55], [114.12, 34.6], [114.15, 34.72], [114.1, 34.92],
];

type Extra = Partial<Omit<SubdistrictSpec, 'zh' | 'slug' | 'kind'>>;
const street = (zh: string, slug: string, extra: Extra = {}): SubdistrictSpec => ({ zh, slug, kind: 'street', weight: 0.25, central: true, ...extra });
const town = (zh: string, slug: string, extra: Extra = {}): SubdistrictSpec => ({ zh, slug, kind: 'town', weight: 1.1, central: false, ...extra });
const township = (zh: string, slug: string, extra: Extra = {}): SubdistrictSpec => ({ zh, slug, kind: 'township', weight: 1, central: false, ...extra });

/** The walled city's streets are small and dense next to their district's townships. */
const OLD_CITY_STREET: Extra = { weight: 0.06 };

/** A county seat (城关镇) sits in the middle, is smaller than a rural town and mostly built up. */
const SEAT: Extra = { central: true, weight: 0.7, communityShare: 0.5 };

export const DISTRICTS: readonly DistrictSpec[] = [
  {
    id: 'longting',
    zh: '龙亭区',
    en: 'Longting District',
    kind: 'urbanDistrict',
    seat: [114.34, 34.865],
    areaKm2: 359,
    centre: OLD_CITY,
    subdistricts: [
      street('北书店街道', 'beishudian', OLD_CITY_STREET),
      street('午朝门街道', 'wuchaomen', OLD_CITY_STREET),
      street('大院街道', 'dayuan', OLD_CITY_STREET),
      street('北道门街道', 'beidaomen', OLD_CITY_STREET),
      township('北郊乡', 'beijiao', { communityShare: 0.1 }),
      township('柳园口乡', 'liuyuankou'),
    ],
  },
  {
    id: 'shunhe',
    zh: '顺河回族区',
    en: 'Shunhe Hui District',
    kind: 'urbanDistrict',
    seat: [114.4, 34.805],
    areaKm2: 84,
    centre: OLD_CITY,
    subdistricts: [
      street('清平街道', 'qingping', { weight: 0.12 }),
      street('铁塔街道', 'tieta', { weight: 0.12 }),
      street('曹门街道', 'caomen', { weight: 0.12 }),
      street('宋门街道', 'songmen', { weight: 0.12 }),
      street('工业街道', 'gongye', { weight: 0.12 }),
      street('苹果园街道', 'pingguoyuan', { weight: 0.12 }),
      township('东郊乡', 'dongjiao', { communityShare: 0.2 }),
      township('土柏岗乡', 'tubaigang'),
    ],
  },
  {
    id: 'gulou',
    zh: '鼓楼区',
    en: 'Gulou District',
    kind: 'urbanDistrict',
    seat: [114.335, 34.785],
    areaKm2: 57,
    centre: OLD_CITY,
    subdistricts: [
      street('西司门街道', 'xisimen', { weight: 1 }),
      street('相国寺街道', 'xiangguosi', { weight: 1 }),
      street('州桥街道', 'zhouqiao', { weight: 1 }),
      street('卧龙街道', 'wolong', { weight: 1 }),
      street('五一街道', 'wuyi', { weight: 1 }),
      street('新华街道', 'xinhua', { weight: 1 }),
      street('仙人庄街道', 'xianrenzhuang', { weight: 4, central: false, communityShare: 0.4 }),
    ],
  },
  {
    id: 'yuwangtai',
    zh: '禹王台区',
    en: 'Yuwangtai District',
    kind: 'urbanDistrict',
    seat: [114.38, 34.765],
    areaKm2: 64,
    centre: OLD_CITY,
    subdistricts: [
      street('三里堡街道', 'sanlipu', { weight: 0.3 }),
      street('新门关街道', 'xinmenguan', { weight: 0.3 }),
      street('繁塔街道', 'fanta', { weight: 0.3 }),
      street('菜市街道', 'caishi', { weight: 0.3 }),
      street('官坊街道', 'guanfang', { weight: 0.3 }),
      township('南郊乡', 'nanjiao', { communityShare: 0.2 }),
      township('汪屯乡', 'wangtun'),
    ],
  },
  {
    id: 'xiangfu',
    zh: '祥符区',
    en: 'Xiangfu District',
    kind: 'urbanDistrict',
    seat: [114.47, 34.73],
    areaKm2: 1302,
    centre: [114.47, 34.73],
    subdistricts: [
      township('西姜寨乡', 'xijiangzhai'),
      township('万隆乡', 'wanlong'),
      township('杜良乡', 'duliang'),
      town('朱仙镇', 'zhuxian', { weight: 1.2 }),
      township('范村乡', 'fancun'),
      township('兴隆乡', 'xinglong'),
      town('仇楼镇', 'qiulou'),
      town('曲兴镇', 'quxing'),
      township('半坡店乡', 'banpodian'),
      town('城关镇', 'chengguan', SEAT),
      town('陈留镇', 'chenliu', { weight: 1.2 }),
      town('八里湾镇', 'baliwan'),
      township('罗王乡', 'luowang'),
      township('刘店乡', 'liudian'),
      township('袁坊乡', 'yuanfang'),
    ],
  },
  {
    id: 'lankao',
    zh: '兰考县',
    en: 'Lankao County',
    kind: 'county',
    seat: [114.82, 34.82],
    areaKm2: 1116,
    centre: [114.82, 34.82],
    subdistricts: [
      street('兰阳街道', 'lanyang', { weight: 0.3, doubtful: true }),
      street('惠安街道', 'huian', { weight: 0.3, doubtful: true }),
      street('桐乡街道', 'tongxiang', { weight: 0.3, doubtful: true }),
      town('城关镇', 'chengguan', SEAT),
      town('堌阳镇', 'guyang'),
      town('南彰镇', 'nanzhang'),
      town('东坝头镇', 'dongbatou'),
      town('考城镇', 'kaocheng'),
      town('红庙镇', 'hongmiao'),
      town('谷营镇', 'guying'),
      town('仪封镇', 'yifeng', { doubtful: true }),
      township('三义寨乡', 'sanyizhai'),
      township('小宋乡', 'xiaosong'),
      township('孟寨乡', 'mengzhai'),
      township('葡萄架乡', 'putaojia'),
      township('闫楼乡', 'yanlou'),
      township('许河乡', 'xuhe'),
      township('爪营乡', 'zhuaying'),
    ],
  },
  {
    id: 'qixian',
    zh: '杞县',
    en: 'Qi County',
    kind: 'county',
    seat: [114.78, 34.55],
    areaKm2: 1243,
    centre: [114.78, 34.55],
    subdistricts: [
      town('城关镇', 'chengguan', SEAT),
      town('五里河镇', 'wulihe'),
      town('高阳镇', 'gaoyang'),
      town('圉镇镇', 'yuzhen'),
      town('傅集镇', 'fuji'),
      town('葛岗镇', 'gegang'),
      town('阳堌镇', 'yanggu'),
      township('城郊乡', 'chengjiao'),
      township('宗店乡', 'zongdian'),
      township('板木乡', 'banmu'),
      township('竹林乡', 'zhulin'),
      township('官庄乡', 'guanzhuang'),
      township('苏木乡', 'sumu'),
      township('平城乡', 'pingcheng'),
      town('邢口镇', 'xingkou'),
      town('裴村店镇', 'peicundian', { doubtful: true }),
      township('柿园乡', 'shiyuan'),
      township('泥沟乡', 'nigou'),
      township('湖岗乡', 'hugang'),
      township('沙沃乡', 'shawo'),
    ],
  },
  {
    id: 'tongxu',
    zh: '通许县',
    en: 'Tongxu County',
    kind: 'county',
    seat: [114.47, 34.47],
    areaKm2: 767,
    centre: [114.47, 34.47],
    subdistricts: [
      street('咸平街道', 'xianping', { weight: 0.3, doubtful: true }),
      town('城关镇', 'chengguan', SEAT),
      town('竖岗镇', 'shugang'),
      town('玉皇庙镇', 'yuhuangmiao'),
      town('四所楼镇', 'sisuolou'),
      town('长智镇', 'changzhi'),
      town('朱砂镇', 'zhusha'),
      township('冯庄乡', 'fengzhuang'),
      township('孙营乡', 'sunying'),
      township('大岗李乡', 'dagangli'),
      township('邸阁乡', 'dige'),
      township('练城乡', 'liancheng'),
      township('厉庄乡', 'lizhuang'),
    ],
  },
  {
    id: 'weishi',
    zh: '尉氏县',
    en: 'Weishi County',
    kind: 'county',
    seat: [114.19, 34.41],
    areaKm2: 1307,
    centre: [114.19, 34.41],
    subdistricts: [
      street('两湖街道', 'lianghu', { weight: 0.3, doubtful: true }),
      town('城关镇', 'chengguan', SEAT),
      town('朱曲镇', 'zhuqu'),
      town('蔡庄镇', 'caizhuang'),
      town('永兴镇', 'yongxing'),
      town('张市镇', 'zhangshi'),
      town('十八里镇', 'shibali'),
      town('水坡镇', 'shuipo'),
      town('大营镇', 'daying'),
      town('庄头镇', 'zhuangtou'),
      town('洧川镇', 'weichuan'),
      township('门楼任乡', 'menlouren'),
      township('大桥乡', 'daqiao'),
      township('南曹乡', 'nancao'),
      township('岗李乡', 'gangli'),
      township('大马乡', 'dama'),
      township('邢庄乡', 'xingzhuang'),
      township('小陈乡', 'xiaochen'),
    ],
  },
];
