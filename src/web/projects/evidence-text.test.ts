import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../i18n/i18n.tsx';
import { evidenceText } from './evidence-text.ts';

const zh: Translate = (key, params) => translate('zh-CN', key, params);
const en: Translate = (key, params) => translate('en', key, params);

describe('a stage move’s evidence in one line (issue 16)', () => {
  it('Chinese takes the full-width colon and semicolon, English the ASCII ones', () => {
    const evidence = { contractNo: 'XYC-2026-01', permitNo: '4206012026', note: null } as unknown as Parameters<typeof evidenceText>[0];
    expect(evidenceText(evidence, zh)).toBe('合同编号：XYC-2026-01；施工许可证号：4206012026');
    expect(evidenceText(evidence, en)).toBe(`${translate('en', 'evidence.contractNo')}: XYC-2026-01; ${translate('en', 'evidence.permitNo')}: 4206012026`);
  });

  it('an import’s own note reads in English on the English screen; a typed note stays as typed', () => {
    const imported = { note: '台账导入：台账.xlsx 第5行' } as Parameters<typeof evidenceText>[0];
    expect(evidenceText(imported, en, 'en')).toBe(`${translate('en', 'evidence.note')}: Imported from the ledger: 台账.xlsx, row 5`);
    expect(evidenceText(imported, zh, 'zh-CN')).toBe('说明：台账导入：台账.xlsx 第5行');
    expect(evidenceText({ note: '首条产线投产' } as Parameters<typeof evidenceText>[0], en, 'en')).toBe(`${translate('en', 'evidence.note')}: 首条产线投产`);
  });

  it('is empty when no evidence was given', () => {
    expect(evidenceText({} as Parameters<typeof evidenceText>[0], zh)).toBe('');
  });
});
