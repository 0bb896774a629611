import type { TStageEvent } from '../../shared/project-stages.ts';
import type { Translate } from '../i18n/i18n.tsx';

const EVIDENCE_KEYS = ['contractNo', 'registeredCreditCode', 'permitNo', 'statsCode', 'note'] as const;

/** A stage move's evidence in one line: "合同编号：X；施工许可证号：Y" in Chinese, "Contract no.: X; …" in English. */
export function evidenceText(evidence: TStageEvent['evidence'], t: Translate): string {
  return EVIDENCE_KEYS.filter((key) => evidence[key])
    .map((key) => t('lifecycle.evidenceItem', { label: t(`evidence.${key}`), value: String(evidence[key]) }))
    .join(t('lifecycle.evidenceSeparator'));
}
