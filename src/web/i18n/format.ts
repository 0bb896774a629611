import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { TLocale } from '../../shared/common.ts';

/** dayjs speaks the same language as the rest of the page. */
export function setDayjsLocale(locale: TLocale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

/** 2026-03-01, the way ledgers and tables write a date in both languages. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

/** 2026年3月1日 in Chinese, 1 Mar 2026 in English: for dates in running text. */
export function formatLongDate(iso: string | null | undefined, locale: TLocale): string {
  if (!iso) return '';
  return dayjs(iso).format(locale === 'zh-CN' ? 'YYYY年M月D日' : 'D MMM YYYY');
}

/** 2026-03-01 09:05 */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** 2026-03-01 09:05:07, for the audit trail. */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** 2026年3月1日 09:05 / 1 Mar 2026 09:05: when a record was made or changed, in a sentence. */
export function formatLongDateTime(iso: string | null | undefined, locale: TLocale): string {
  if (!iso) return '';
  return `${formatLongDate(iso, locale)} ${dayjs(iso).format('HH:mm')}`;
}
