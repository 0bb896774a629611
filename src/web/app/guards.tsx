import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import { canWriteRecords, seesUnitRecords, type Role } from '../../domain/roles.ts';
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
  if (me?.role !== role) return <NoAccess reason="error.forbiddenPage" />;
  return <>{children}</>;
}

/** The page a role starts from: a leader's cockpit, a department's problems, everyone else's projects. */
export function homePath(role: Role | undefined): string {
  return role === 'leader' ? '/cockpit' : role === 'department' ? '/problems' : '/projects';
}

type NoAccessProps = { reason: 'error.forbiddenPage' | 'error.writersOnlyPage' | 'error.departmentPage' };

/**
 * One clear no-access page in place of a page the user may not use, with a link to what they may use. Rendered
 * instead of the page, so none of its requests is sent and no refused-request alert is shown.
 */
export function NoAccess({ reason }: NoAccessProps) {
  const { data: me } = useMe();
  const { t } = useI18n();
  // A department's one page is the problems routed to it; whatever else the page says, that is where it goes.
  const subTitle = me && !seesUnitRecords(me.role) ? t('error.departmentPage') : t(reason);
  return (
    <Result
      status="403"
      title="403"
      subTitle={subTitle}
      extra={<Link to={homePath(me?.role)}>{me?.role === 'department' ? t('error.toDepartmentProblems') : t('error.toHome')}</Link>}
    />
  );
}

export type RequireUnitRecordsProps = { children: ReactNode };

/** Renders its children for the roles that see a unit's records; a department (which sees only what is routed to it) gets a 403. */
export function RequireUnitRecords({ children }: RequireUnitRecordsProps) {
  const { data: me } = useMe();
  if (!me || !seesUnitRecords(me.role)) return <NoAccess reason="error.departmentPage" />;
  return <>{children}</>;
}

export type RequireWriterProps = { children: ReactNode };

/** Renders its children for the roles that write records (bureau, staff); leaders and departments get a 403. */
export function RequireWriter({ children }: RequireWriterProps) {
  const { data: me } = useMe();
  if (!me || !canWriteRecords(me.role)) return <NoAccess reason="error.writersOnlyPage" />;
  return <>{children}</>;
}

/** Where "/" leads: a leader to the cockpit, a department to the problems routed to it, everyone else to the projects. */
export function HomeRedirect() {
  const { data: me } = useMe();
  return <Navigate to={homePath(me?.role)} replace />;
}
