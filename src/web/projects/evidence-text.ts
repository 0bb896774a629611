import type { TStageEvent } from '../../shared/project-stages.ts';
import type { TLocale } from '../../shared/common.ts';
import { systemSentenceIn } from '../../domain/system-sentences.ts';
import type { Translate } from '../i18n/i18n.tsx';

const EVIDENCE_KEYS = ['contractNo', 'registeredCreditCode', 'permitNo', 'statsCode', 'note'] as const;

/**
 * A stage move's evidence in one line: "合同编号：X；施工许可证号：Y" in Chinese, "Contract number: X; …" in English,
 * where a note the app wrote itself (an import's "台账导入：…第5行") reads in English too (domain/system-sentences.ts).
 */
export function evidenceText(evidence: TStageEvent['evidence'], t: Translate, locale: TLocale = 'zh-CN'): string {
  return EVIDENCE_KEYS.filter((key) => evidence[key])
    .map((key) => t('lifecycle.evidenceItem', { label: t(`evidence.${key}`), value: systemSentenceIn(String(evidence[key]), locale) }))
    .join(t('lifecycle.evidenceSeparator'));
}
