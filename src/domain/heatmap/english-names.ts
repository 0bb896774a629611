import { pinyin } from 'pinyin-pro';

/**
 * A division's name in English (issue 15: English screens name every region of the map, with records or not). The
 * provinces by the names maps in English print (Inner Mongolia, Shaanxi beside Shanxi, Hong Kong …); a city or county
 * by the pinyin of its name without the ending that says its kind, with that kind in English when it is not a plain
 * city: 深圳市 → Shenzhen, 襄城区 → Xiangcheng District, 南漳县 → Nanzhang County. Pure.
 */
const PROVINCES: Readonly<Record<string, string>> = {
  '110000': 'Beijing', '120000': 'Tianjin', '130000': 'Hebei', '140000': 'Shanxi', '150000': 'Inner Mongolia',
  '210000': 'Liaoning', '220000': 'Jilin', '230000': 'Heilongjiang', '310000': 'Shanghai', '320000': 'Jiangsu',
  '330000': 'Zhejiang', '340000': 'Anhui', '350000': 'Fujian', '360000': 'Jiangxi', '370000': 'Shandong',
  '410000': 'Henan', '420000': 'Hubei', '430000': 'Hunan', '440000': 'Guangdong', '450000': 'Guangxi',
  '460000': 'Hainan', '500000': 'Chongqing', '510000': 'Sichuan', '520000': 'Guizhou', '530000': 'Yunnan',
  '540000': 'Tibet', '610000': 'Shaanxi', '620000': 'Gansu', '630000': 'Qinghai', '640000': 'Ningxia',
  '650000': 'Xinjiang', '710000': 'Taiwan', '810000': 'Hong Kong', '820000': 'Macao',
};

/** Endings of a name that say the division's kind, longest first, with the word English adds (none for a city). */
const KINDS: readonly [ending: string, english: string][] = [
  ['自治州', 'Prefecture'],
  ['自治县', 'County'],
  ['自治旗', 'Banner'],
  ['林区', 'Forestry District'],
  ['新区', 'New Area'],
  ['地区', 'Prefecture'],
  ['市', ''],
  ['区', 'District'],
  ['县', 'County'],
  ['盟', 'League'],
  ['旗', 'Banner'],
];

/** Ethnic names inside an autonomous division's name (黔东南苗族侗族自治州 → Qiandongnan): left out in English. */
const ETHNIC =
  /((蒙古|藏|回|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春|各)族)+$/u;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function englishDivisionName(code: string, zhName: string): string {
  const province = PROVINCES[code];
  if (province) return province;
  const kind = KINDS.find(([ending]) => zhName.length > ending.length && zhName.endsWith(ending));
  let stem = kind ? zhName.slice(0, -kind[0].length) : zhName;
  if (kind && kind[0].startsWith('自治')) stem = stem.replace(ETHNIC, '') || stem;
  const letters = /\p{Script=Han}/u.test(stem) ? pinyin(stem, { toneType: 'none', type: 'array', v: true }).join('') : stem;
  const name = capitalised(letters.replace(/\s+/g, ''));
  return kind && kind[1] ? `${name} ${kind[1]}` : name;
}
