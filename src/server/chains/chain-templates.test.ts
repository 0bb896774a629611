import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_SEGMENTS, ZChainTemplate, type TChainTemplate, type TChainTemplateLink } from '../../shared/chain-templates.ts';
import { CHAIN_TEMPLATES_FOLDER, chainTemplate, flattenChainTemplate, loadChainTemplates, readChainTemplates } from './chain-templates.ts';

/** The GB/T 4754-2017 codes, read from the file itself rather than through the loader's own lookup. */
async function gbtCodes(): Promise<Set<string>> {
  const file = new URL('../../../data/industry-codes-gbt4754-2017.json', import.meta.url);
  const { rows } = JSON.parse(await readFile(file, 'utf8')) as { rows: { code: string }[] };
  return new Set(rows.map((r) => r.code));
}

const EXPECTED_KEYS = [
  'biomedicine',
  'integrated-circuits',
  'intelligent-manufacturing',
  'modern-food',
  'modern-logistics',
  'new-energy-vehicles',
  'new-materials',
  'next-gen-it',
  'photovoltaics',
  'power-battery',
];

/** Issue 14: the common chains shipped as data, each a starting point the bureau copies and edits. */
describe('chain templates (issue 14)', () => {
  let templates: TChainTemplate[];
  let codes: Set<string>;

  beforeAll(async () => {
    templates = await loadChainTemplates();
    codes = await gbtCodes();
  });

  it('ships the ten common chains, one file each, named by its key', async () => {
    expect(templates.map((t) => t.key)).toEqual(EXPECTED_KEYS);
    const files = (await readdir(CHAIN_TEMPLATES_FOLDER)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(EXPECTED_KEYS.map((k) => `${k}.json`));
  });

  it('parses every file with the zod contract as it is on disk', async () => {
    for (const key of EXPECTED_KEYS) {
      const raw = JSON.parse(await readFile(join(CHAIN_TEMPLATES_FOLDER, `${key}.json`), 'utf8')) as unknown;
      const parsed = ZChainTemplate.safeParse(raw);
      expect(parsed.success, `${key}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data!.key).toBe(key);
    }
  });

  it('has links in every segment, 12 to 30 of them, with keys unique within the chain', () => {
    for (const t of templates) {
      for (const segment of CHAIN_SEGMENTS) expect(t.segments[segment].length, `${t.key} ${segment}`).toBeGreaterThan(0);
      const flat = flattenChainTemplate(t);
      expect(flat.length, t.key).toBeGreaterThanOrEqual(12);
      expect(flat.length, t.key).toBeLessThanOrEqual(30);
      const keys = flat.map((f) => f.link.key);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), t.key).toEqual([]);
    }
  });

  it('names siblings apart, in Chinese and English', () => {
    const check = (key: string, links: TChainTemplateLink[], where: string) => {
      for (const field of ['name', 'nameEn'] as const) {
        const names = links.map((l) => l[field]);
        expect(names.filter((n, i) => names.indexOf(n) !== i), `${key} ${where} ${field}`).toEqual([]);
      }
      for (const link of links) check(key, link.children, link.key);
    };
    for (const t of templates) for (const segment of CHAIN_SEGMENTS) check(t.key, t.segments[segment], segment);
  });

  it('uses only GB/T 4754-2017 codes that exist, and gives every link codes and keywords', () => {
    const missing: string[] = [];
    for (const t of templates) {
      for (const { link } of flattenChainTemplate(t)) {
        expect(link.industryCodes.length, `${t.key}/${link.key} codes`).toBeGreaterThan(0);
        expect(link.keywords.length, `${t.key}/${link.key} keywords`).toBeGreaterThan(0);
        for (const code of link.industryCodes) if (!codes.has(code)) missing.push(`${t.key}/${link.key}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says in its note that it is a starting point the bureau edits, and what it was drawn from', () => {
    for (const t of templates) {
      expect(t.note, t.key).toContain('起点');
      expect(t.note, t.key).toContain('GB/T 4754-2017');
    }
  });

  it('draws 动力及储能电池 as the chain maps do', async () => {
    const battery = (await chainTemplate('power-battery'))!;
    const upstream = battery.segments.upstream.map((l) => l.name);
    expect(upstream).toEqual(expect.arrayContaining(['锂/钴/镍资源', '正极材料', '负极材料', '隔膜', '电解液/六氟磷酸锂', '铜箔/铝箔']));
    const cathode = battery.segments.upstream.find((l) => l.key === 'cathode-materials')!;
    expect(cathode.children.map((c) => c.name)).toEqual(expect.arrayContaining(['磷酸铁锂', '三元材料']));
    expect(battery.segments.midstream.map((l) => l.name)).toEqual(['电芯', '电池管理系统 BMS', '电池包/模组', '储能系统集成']);
    expect(battery.segments.downstream.map((l) => l.name)).toEqual(expect.arrayContaining(['新能源汽车', '储能电站', '电池回收与梯次利用']));
    expect(battery.segments.midstream[0]!.industryCodes).toContain('3841');
  });

  it('answers a key it does not know with undefined, and reads the files once', async () => {
    expect(await chainTemplate('no-such-chain')).toBeUndefined();
    expect(await loadChainTemplates()).toBe(templates);
  });

  describe('a broken file', () => {
    let folder: string;
    const valid = (): TChainTemplate => ({
      key: 'sample',
      name: '样例',
      nameEn: 'Sample',
      note: '起点',
      segments: {
        upstream: [{ key: 'a', name: '甲', nameEn: 'A', industryCodes: ['3841'], keywords: ['电池'], products: [], children: [] }],
        midstream: [{ key: 'b', name: '乙', nameEn: 'B', industryCodes: ['C'], keywords: [], products: [], children: [] }],
        downstream: [{ key: 'c', name: '丙', nameEn: 'C', industryCodes: ['36'], keywords: [], products: [], children: [] }],
      },
    });
    const refusal = async (file: string, content: unknown) => {
      await rm(folder, { recursive: true, force: true });
      folder = await mkdtemp(join(tmpdir(), 'zs-chains-'));
      await writeFile(join(folder, 'ok.json'), JSON.stringify({ ...valid(), key: 'ok' }));
      await writeFile(join(folder, file), typeof content === 'string' ? content : JSON.stringify(content));
      return readChainTemplates(folder).then(
        () => 'loaded',
        (error: Error) => error.message,
      );
    };
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'zs-chains-'));
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    it('loads a valid one', async () => {
      await writeFile(join(folder, 'sample.json'), JSON.stringify(valid()));
      expect((await readChainTemplates(folder)).map((t) => t.key)).toEqual(['sample']);
    });

    it('fails naming the file and the zod path', async () => {
      const t = valid();
      t.segments.midstream[0]!.industryCodes = ['38411'];
      expect(await refusal('sample.json', t)).toMatch(/^chain template sample\.json: segments\.midstream\.0\.industryCodes\.0: /);
      const empty = valid();
      empty.segments.downstream = [];
      expect(await refusal('sample.json', empty)).toMatch(/^chain template sample\.json: segments\.downstream: /);
      expect(await refusal('sample.json', '{ "key": ')).toMatch(/^chain template sample\.json: not valid JSON/);
    });

    it('refuses a code that is not in GB/T 4754-2017, a key used twice, twin siblings and a key that is not the file name', async () => {
      const code = valid();
      code.segments.upstream[0]!.children = [{ key: 'a1', name: '甲一', nameEn: 'A1', industryCodes: ['3848'], keywords: [], products: [], children: [] }];
      expect(await refusal('sample.json', code)).toBe('chain template sample.json: segments.upstream.0.children.0.industryCodes.0: "3848" is not a GB/T 4754-2017 code');
      const twice = valid();
      twice.segments.downstream[0]!.key = 'a';
      expect(await refusal('sample.json', twice)).toBe('chain template sample.json: segments.downstream.0.key: link key "a" is used twice');
      const twins = valid();
      twins.segments.upstream.push({ ...twins.segments.upstream[0]!, key: 'a2' });
      expect(await refusal('sample.json', twins)).toBe('chain template sample.json: segments.upstream.1.name: "甲" is used twice under the same parent');
      expect(await refusal('other.json', valid())).toBe('chain template other.json: key: "sample" is not the file\'s name "other"');
    });
  });
});
