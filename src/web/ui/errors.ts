import type { FormInstance } from 'antd';
import type { TLocale } from '../../shared/common.ts';
import { ApiError } from '../api/client.ts';
import { translate } from '../i18n/i18n.tsx';

/** The message of any error in the user's language: the API's own text, or a plain fallback. */
export function errorMessage(error: unknown, locale: TLocale): string {
  if (error instanceof ApiError) return error.messageIn(locale);
  return translate(locale, 'error.unexpected');
}

/**
 * Puts an API error on the form field it names (antd form.setFields) when the form has that field;
 * returns the message when it belongs to no field, for the caller to show above the form.
 * `aliases` maps an API field to the form's name for it (totalInvestmentYuan → totalInvestmentWan).
 */
export function showErrorInForm(
  form: FormInstance,
  error: unknown,
  locale: TLocale,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): string | null {
  if (error instanceof ApiError && error.field) {
    const path = error.field.split('.');
    path[0] = aliases[path[0]!] ?? path[0]!;
    if (fields.includes(path[0]!)) {
      form.setFields([{ name: path.length === 1 ? path[0]! : path, errors: [error.messageIn(locale)] }]);
      form.scrollToField(path.length === 1 ? path[0]! : path);
      return null;
    }
  }
  return errorMessage(error, locale);
}
