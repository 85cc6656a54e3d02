/**
 * Generated names for what the demo invents: villages (村), urban communities (社区) and people. They are
 * built from common Henan place-name parts and common surnames so they look plausible, and they are not
 * meant to match any real village, community or person (any match is chance).
 */
import type { Random } from './random.js';

type Part = readonly [zh: string, pinyin: string];

const SURNAMES: readonly Part[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['赵', 'zhao'],
  ['黄', 'huang'], ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'], ['胡', 'hu'], ['朱', 'zhu'],
  ['高', 'gao'], ['郭', 'guo'], ['马', 'ma'], ['宋', 'song'], ['郑', 'zheng'], ['韩', 'han'], ['冯', 'feng'],
  ['于', 'yu'], ['董', 'dong'], ['程', 'cheng'], ['曹', 'cao'], ['袁', 'yuan'], ['许', 'xu'], ['苏', 'su'],
  ['贾', 'jia'], ['丁', 'ding'], ['魏', 'wei'], ['薛', 'xue'], ['阎', 'yan'], ['杜', 'du'], ['姚', 'yao'],
  ['范', 'fan'], ['任', 'ren'], ['田', 'tian'], ['石', 'shi'], ['孔', 'kong'], ['崔', 'cui'], ['孟', 'meng'],
  ['段', 'duan'], ['常', 'chang'], ['武', 'wu'], ['乔', 'qiao'], ['牛', 'niu'], ['葛', 'ge'], ['申', 'shen'],
  ['岳', 'yue'], ['翟', 'zhai'], ['耿', 'geng'], ['侯', 'hou'], ['邵', 'shao'], ['史', 'shi'], ['秦', 'qin'],
  ['白', 'bai'], ['齐', 'qi'], ['梁', 'liang'], ['谢', 'xie'], ['唐', 'tang'], ['蒋', 'jiang'], ['司', 'si'],
];

/** Suffixes of North China Plain village names: 庄 (hamlet), 寨 (stockade), 楼, 屯, 营 (camp), 集 (market) … */
const VILLAGE_SUFFIXES: readonly Part[] = [
  ['庄', 'zhuang'], ['庄', 'zhuang'], ['寨', 'zhai'], ['寨', 'zhai'], ['楼', 'lou'], ['屯', 'tun'], ['营', 'ying'],
  ['集', 'ji'], ['岗', 'gang'], ['店', 'dian'], ['堂', 'tang'], ['湾', 'wan'], ['坡', 'po'], ['园', 'yuan'],
  ['铺', 'pu'], ['桥', 'qiao'], ['河', 'he'], ['口', 'kou'], ['洼', 'wa'], ['村', 'cun'],
];

const VILLAGE_PREFIXES: readonly Part[] = [
  ['东', 'dong'], ['西', 'xi'], ['南', 'nan'], ['北', 'bei'], ['前', 'qian'], ['后', 'hou'], ['大', 'da'],
  ['小', 'xiao'], ['老', 'lao'], ['新', 'xin'], ['中', 'zhong'], ['上', 'shang'],
];

/** Whole village names that do not follow the surname pattern. */
const VILLAGE_WHOLE: readonly Part[] = [
  ['柳林', 'liulin'], ['杏花营', 'xinghuaying'], ['枣园', 'zaoyuan'], ['桃园', 'taoyuan'], ['双井', 'shuangjing'],
  ['三里岗', 'sanligang'], ['五里铺', 'wulipu'], ['八里庄', 'balizhuang'], ['十里铺', 'shilipu'], ['白塔', 'baita'],
  ['高台', 'gaotai'], ['土山', 'tushan'], ['苇园', 'weiyuan'], ['槐树庄', 'huaishuzhuang'], ['柏树岗', 'baishugang'],
  ['三官庙', 'sanguanmiao'], ['关帝庙', 'guandimiao'], ['龙王庙', 'longwangmiao'], ['马头', 'matou'], ['堤口', 'dikou'],
  ['七里岗', 'qiligang'], ['黄楼', 'huanglou'], ['油坊', 'youfang'], ['瓦房', 'wafang'], ['窑场', 'yaochang'],
];

/** Words urban 社区 are named after: streets, landmarks, old gates, aspirations. */
const COMMUNITY_WORDS: readonly Part[] = [
  ['文化', 'wenhua'], ['建设', 'jianshe'], ['和平', 'heping'], ['幸福', 'xingfu'], ['光明', 'guangming'],
  ['曙光', 'shuguang'], ['向阳', 'xiangyang'], ['民主', 'minzhu'], ['自由', 'ziyou'], ['解放', 'jiefang'],
  ['胜利', 'shengli'], ['团结', 'tuanjie'], ['友谊', 'youyi'], ['育才', 'yucai'], ['书院', 'shuyuan'],
  ['公园', 'gongyuan'], ['花园', 'huayuan'], ['翠园', 'cuiyuan'], ['金明', 'jinming'], ['大梁', 'daliang'],
  ['汴京', 'bianjing'], ['宋城', 'songcheng'], ['御街', 'yujie'], ['南关', 'nanguan'], ['东关', 'dongguan'],
  ['西关', 'xiguan'], ['北关', 'beiguan'], ['滨河', 'binhe'], ['湖东', 'hudong'], ['湖西', 'huxi'],
  ['柳园', 'liuyuan'], ['梁苑', 'liangyuan'], ['双龙', 'shuanglong'], ['纸坊', 'zhifang'], ['草市', 'caoshi'],
  ['馆驿', 'guanyi'], ['财政', 'caizheng'], ['铁路', 'tielu'], ['电厂', 'dianchang'], ['纺织', 'fangzhi'],
  ['机械', 'jixie'], ['师范', 'shifan'], ['体育', 'tiyu'], ['新城', 'xincheng'], ['嘉园', 'jiayuan'],
  ['锦绣', 'jinxiu'], ['金辉', 'jinhui'], ['银河', 'yinhe'], ['明珠', 'mingzhu'], ['安居', 'anju'],
  ['康乐', 'kangle'], ['永安', 'yongan'], ['丰收', 'fengshou'], ['繁荣', 'fanrong'], ['振兴', 'zhenxing'],
  ['兴华', 'xinghua'], ['中山', 'zhongshan'], ['迎宾', 'yingbin'], ['惠民', 'huimin'], ['龙城', 'longcheng'],
  ['汴河', 'bianhe'], ['菊香', 'juxiang'], ['清明', 'qingming'], ['东苑', 'dongyuan'], ['西苑', 'xiyuan'],
];

const COMMUNITY_SUFFIXES: readonly Part[] = [['', ''], ['', ''], ['街', 'jie'], ['路', 'lu'], ['里', 'li'], ['苑', 'yuan'], ['巷', 'xiang']];

const GIVEN: readonly string[] = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英',
  '华', '慧', '建华', '国强', '志强', '红', '平', '刚', '桂英', '玉兰', '建国', '建军', '海燕', '晓东', '晓燕',
  '鹏', '宇', '浩', '鑫', '博', '颖', '婷', '霞', '琳', '帅', '亮', '斌', '辉', '凯', '帆', '旭', '晨', '阳',
  '雪', '莉', '萍', '梅', '丹', '玲', '倩', '瑞', '俊', '豪', '文博', '子涵', '雨萱', '志刚', '卫东', '红梅',
  '丽娟', '春生', '秋菊', '书文', '振华', '新民', '保国', '国庆', '永刚', '金凤', '彦军', '铁柱', '素芬',
];

/** Pinyin joined as one word, with an apostrophe where a syllable starting with a, o or e would blur. */
function joinPinyin(parts: readonly string[]): string {
  let word = '';
  for (const part of parts) {
    if (part === '') continue;
    word += word !== '' && /^[aoe]/.test(part) ? `'${part}` : part;
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export interface PlaceName {
  zh: string;
  en: string;
}

export function villageName(random: Random): PlaceName {
  const roll = random.next();
  let parts: Part[];
  if (roll < 0.55) parts = [random.pick(SURNAMES), random.pick(VILLAGE_SUFFIXES)];
  else if (roll < 0.88) parts = [random.pick(VILLAGE_PREFIXES), random.pick(SURNAMES), random.pick(VILLAGE_SUFFIXES)];
  else parts = [random.pick(VILLAGE_WHOLE)];
  const zh = parts.map((p) => p[0]).join('');
  // 王村 is a village already; 王庄 becomes 王庄村.
  return zh.endsWith('村')
    ? { zh, en: `${joinPinyin(parts.map((p) => p[1]))} Village` }
    : { zh: `${zh}村`, en: `${joinPinyin(parts.map((p) => p[1]))} Village` };
}

export function communityName(random: Random): PlaceName {
  const word = random.pick(COMMUNITY_WORDS);
  const suffix = random.pick(COMMUNITY_SUFFIXES);
  // 御街 + 街 or 翠园 + 苑 would read as a stutter: such words stand alone.
  const parts = /[街路里苑巷园]$/.test(word[0]) ? [word] : [word, suffix];
  return { zh: `${parts.map((p) => p[0]).join('')}社区`, en: `${joinPinyin(parts.map((p) => p[1]))} Community` };
}

/** Draws names until one is new in `taken`, so names repeat across townships (as in life) but not within. */
export function uniqueName(taken: Set<string>, draw: () => PlaceName): PlaceName {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = draw();
    if (!taken.has(name.zh)) {
      taken.add(name.zh);
      return name;
    }
  }
  throw new Error('ran out of distinct names; widen the name pools');
}

export function personName(random: Random): string {
  return random.pick(SURNAMES)[0] + random.pick(GIVEN);
}

export const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
