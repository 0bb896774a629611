import type { ProjectState } from './stages.ts';

/**
 * Sentences the app itself writes into a project's stage records — an imported stage's evidence ("台账导入：x.xlsx
 * 第5行") and the reason of 停滞/终止 taken from a ledger's progress column ("台账项目进展：停滞") — stored in Chinese
 * as part of the record (the record reads the same to every reader and in every export). An English screen renders
 * them from their parts (issue 16); anything else in those fields was typed by a person and is shown as typed. Pure.
 */
const IMPORTED = /^台账导入：(.+?) (?:工作表“(.+)”)?第(\d+)行$/u;
const LEDGER_PROGRESS = /^台账项目进展：(停滞|终止)$/u;
const PROGRESS_EN: Record<string, { state: ProjectState; en: string }> = { 停滞: { state: 'stalled', en: 'stalled' }, 终止: { state: 'terminated', en: 'terminated' } };

/** The sentence in English when the app wrote it; null when a person did (show it as typed). */
export function englishSystemSentence(text: string): string | null {
  const imported = IMPORTED.exec(text);
  if (imported) {
    const [, file, sheet, row] = imported;
    return `Imported from the ledger: ${file}, ${sheet !== undefined ? `sheet “${sheet}”, ` : ''}row ${row}`;
  }
  const progress = LEDGER_PROGRESS.exec(text);
  if (progress) return `Progress in the ledger: ${PROGRESS_EN[progress[1]!]!.en}`;
  return null;
}

/** The text in the screen's language: the app's own sentences in English on an English screen, the rest as typed. */
export function systemSentenceIn(text: string, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? (englishSystemSentence(text) ?? text) : text;
}
