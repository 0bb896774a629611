import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { TLocale } from '../../shared/common.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const LOCALES: readonly TLocale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: TLocale = 'zh-CN';

const DICTIONARIES: Record<TLocale, Messages> = { 'zh-CN': zhCN, en };

/**
 * Fills {name} placeholders; a missing parameter stays visible rather than vanishing. English plurals: {s:name}
 * is "s" unless the parameter is 1 ("{count} day{s:count}": "1 day", "3 days").
 */
export function translate(locale: TLocale, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[locale][key];
  if (!params) return template;
  return template
    .replace(/\{s:(\w+)\}/g, (whole, name: string) => (name in params ? (Number(params[name]) === 1 ? '' : 's') : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type I18n = {
  locale: TLocale;
  t: Translate;
  /** Switches the language; the app keeps the choice (per user on the server once logged in). */
  changeLocale: (locale: TLocale) => Promise<void>;
};

const I18nContext = createContext<I18n>({
  locale: DEFAULT_LOCALE,
  t: (key, params) => translate(DEFAULT_LOCALE, key, params),
  changeLocale: async () => {},
});

export type I18nProviderProps = { locale: TLocale; onChangeLocale: (locale: TLocale) => Promise<void>; children: ReactNode };

export function I18nProvider({ locale, onChangeLocale, children }: I18nProviderProps) {
  const value = useMemo<I18n>(
    () => ({ locale, t: (key, params) => translate(locale, key, params), changeLocale: onChangeLocale }),
    [locale, onChangeLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The language chosen last on this browser, for the pages shown before anyone logs in. */
const STORED_LOCALE_KEY = 'zhaoshang.locale';

export function readStoredLocale(): TLocale {
  try {
    const stored = window.localStorage.getItem(STORED_LOCALE_KEY);
    return stored === 'en' || stored === 'zh-CN' ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: TLocale): void {
  try {
    window.localStorage.setItem(STORED_LOCALE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the server keeps the choice per user anyway.
  }
}
