import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import type { TLocale } from '../../shared/common.ts';
import { ApiError, setAuthProblemHandler } from '../api/client.ts';
import { ME_QUERY_KEY, rememberSessionEnd, saveLocale, setMe, useMe } from '../auth/auth.queries.ts';
import { I18nProvider, readStoredLocale, storeLocale, translate } from '../i18n/i18n.tsx';
import { setDayjsLocale } from '../i18n/format.ts';
import type { TMe } from '../../shared/auth.ts';
import { router } from './router.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a hiccup (network, 5xx) might.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

/**
 * A lost session (401) or a pending initial password (403) anywhere: update "who am I", and the session
 * guard (RequireSession) sends the user to the login or change-password page.
 */
setAuthProblemHandler((problem, error) => {
  if (problem === 'loggedOut') {
    if (queryClient.getQueryData<TMe | null>(ME_QUERY_KEY)) rememberSessionEnd(error);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    setMe(queryClient, null);
  } else {
    const me = queryClient.getQueryData<TMe | null>(ME_QUERY_KEY);
    if (me) setMe(queryClient, { ...me, mustChangePassword: true });
  }
});

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif";

/**
 * Colours every text meets WCAG 2.1 AA contrast with (4.5:1 on white, on the grey page and table headers, and on a tag's
 * or selected menu item's pale background), issue 16. antd's defaults are lighter (#1677ff 4.1:1, secondary text #8c8c8c
 * 3.4:1, placeholder #bfbfbf 1.8:1): the primary and error seeds are one step darker in antd's own palettes (their
 * generated pale backgrounds stay as light). Preset tags' text is darkened in app.css instead: a darker seed for green
 * or cyan would also turn the tag's pale background grey.
 */
const ACCESSIBLE_COLOURS = {
  colorPrimary: '#0958d9',
  colorInfo: '#0958d9',
  colorLink: '#0958d9',
  colorError: '#cf1322',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
};

/** The grey of a table's "no data" line is antd's disabled text colour; in a table it is text to read. */
const ACCESSIBLE_COMPONENTS = { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.56)' } };

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedApp />
    </QueryClientProvider>
  );
}

function LocalizedApp() {
  const client = useQueryClient();
  const { data: me } = useMe();
  const [guestLocale, setGuestLocale] = useState<TLocale>(readStoredLocale);
  const locale: TLocale = me?.locale ?? guestLocale;
  setDayjsLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    // The tab's title is the page's (PageHeader); a page without a heading keeps the app's name.
    if (!document.title.includes(' - ')) document.title = translate(locale, 'app.name');
    storeLocale(locale);
  }, [locale]);

  const handleChangeLocale = useCallback(
    async (next: TLocale) => {
      const current = client.getQueryData<TMe | null>(ME_QUERY_KEY);
      if (current) {
        await saveLocale(next);
        setMe(client, { ...current, locale: next });
      }
      setGuestLocale(next);
      storeLocale(next);
    },
    [client],
  );

  return (
    <I18nProvider locale={locale} onChangeLocale={handleChangeLocale}>
      <ConfigProvider
        locale={locale === 'zh-CN' ? zhCN : enUS}
        theme={{ algorithm: theme.defaultAlgorithm, token: { fontFamily: FONT_FAMILY, ...ACCESSIBLE_COLOURS }, components: ACCESSIBLE_COMPONENTS }}
      >
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}
