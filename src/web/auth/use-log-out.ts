import { useCallback } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { ME_QUERY_KEY, logOut, setMe } from './auth.queries.ts';

/** Ends the session on the server, forgets everything cached for this user and shows the login page. */
export function useLogOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { locale } = useI18n();
  return useCallback(async () => {
    try {
      await logOut();
    } catch (error) {
      // An already expired session is as good as logged out; anything else is worth telling.
      if (!(error && typeof error === 'object' && 'status' in error && error.status === 401)) {
        void message.error(errorMessage(error, locale));
        return;
      }
    }
    void navigate('/login', { replace: true });
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    setMe(queryClient, null);
  }, [queryClient, navigate, message, locale]);
}
