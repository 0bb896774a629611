import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { canWriteRecords, type Role } from '../../domain/roles.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';

/** Where to go after logging in: the page the user asked for, if it is one of ours. */
export function loginPath(pathname: string, search: string): string {
  const here = pathname + search;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

export type RequireSessionProps = { children: ReactNode };

/** Renders its children for a logged-in user whose password needs no change; otherwise sends them on. */
export function RequireSession({ children }: RequireSessionProps) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const { locale, t } = useI18n();
  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <Result
        status="error"
        title={errorMessage(error, locale)}
        extra={<Button onClick={() => void refetch()}>{t('action.retry')}</Button>}
      />
    );
  }
  if (!me) return <Navigate to={loginPath(location.pathname, location.search)} replace />;
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

export type RequireRoleProps = { role: Role; children: ReactNode };

export function RequireRole({ role, children }: RequireRoleProps) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (me?.role !== role) return <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />;
  return <>{children}</>;
}

export type RequireWriterProps = { children: ReactNode };

/** Renders its children for the roles that write records (bureau, staff); leaders and departments get a 403. */
export function RequireWriter({ children }: RequireWriterProps) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (!me || !canWriteRecords(me.role)) return <Result status="403" title="403" subTitle={t('error.writersOnlyPage')} />;
  return <>{children}</>;
}

/** Where "/" leads: a leader to the cockpit, a department to the problems routed to it, everyone else to the projects. */
export function HomeRedirect() {
  const { data: me } = useMe();
  return <Navigate to={me?.role === 'leader' ? '/cockpit' : me?.role === 'department' ? '/problems' : '/projects'} replace />;
}
