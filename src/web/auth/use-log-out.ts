import { useCallback } from 'react';
import { App } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { logOut } from './auth.queries.ts';

/**
 * Ends the session on the server, then loads the login page afresh: nothing the previous user saw stays in
 * memory (query cache, form state) for whoever uses the browser next.
 */
export function useLogOut(): () => Promise<void> {
  const { message } = App.useApp();
  const { locale } = useI18n();
  return useCallback(async () => {
    try {
      await logOut();
    } catch (error) {
      // An expired session is as good as logged out; anything else is worth telling.
      if (!(error instanceof ApiError && error.status === 401)) {
        void message.error(errorMessage(error, locale));
        return;
      }
    }
    window.location.replace('/login');
  }, [message, locale]);
}
