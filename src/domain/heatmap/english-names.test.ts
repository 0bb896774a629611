import { describe, expect, it } from 'vitest';
import { englishDivisionName } from './english-names.ts';

describe('English names of divisions on the heat map (issue 15)', () => {
  it('names provinces as English maps print them, never by bare pinyin where two would clash', () => {
    expect(englishDivisionName('440000', '广东省')).toBe('Guangdong');
    expect(englishDivisionName('610000', '陕西省')).toBe('Shaanxi');
    expect(englishDivisionName('140000', '山西省')).toBe('Shanxi');
    expect(englishDivisionName('150000', '内蒙古自治区')).toBe('Inner Mongolia');
    expect(englishDivisionName('810000', '香港特别行政区')).toBe('Hong Kong');
  });

  it('names cities and counties by pinyin, with their kind in English', () => {
    expect(englishDivisionName('440300', '深圳市')).toBe('Shenzhen');
    expect(englishDivisionName('420600', '襄阳市')).toBe('Xiangyang');
    expect(englishDivisionName('420602', '襄城区')).toBe('Xiangcheng District');
    expect(englishDivisionName('420624', '南漳县')).toBe('Nanzhang County');
    expect(englishDivisionName('522600', '黔东南苗族侗族自治州')).toBe('Qiandongnan Prefecture');
    expect(englishDivisionName('429021', '神农架林区')).toBe('Shennongjia Forestry District');
  });

  it('never leaves a Chinese character in an English name', () => {
    for (const [code, name] of [['500000', '重庆市'], ['341500', '六安市'], ['152900', '阿拉善盟'], ['652800', '巴音郭楞蒙古自治州']] as const) {
      expect(englishDivisionName(code, name)).not.toMatch(/\p{Script=Han}/u);
    }
  });
});
