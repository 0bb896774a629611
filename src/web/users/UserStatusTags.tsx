import { Flex, Tag, Tooltip } from 'antd';
import type { TUser } from '../../shared/users.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function isLocked(user: TUser, now = new Date()): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil) > now;
}

/** Disabled, locked (until when), must change password — or active. */
export function UserStatusTags({ user }: { user: TUser }) {
  const { t } = useI18n();
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled" color="red">{t('user.status.disabled')}</Tag>);
  if (isLocked(user)) {
    tags.push(
      <Tooltip key="locked" title={t('user.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
        <Tag color="orange">{t('user.status.locked')}</Tag>
      </Tooltip>,
    );
  }
  if (user.mustChangePassword) tags.push(<Tag key="initial" color="gold">{t('user.status.mustChangePassword')}</Tag>);
  if (tags.length === 0) tags.push(<Tag key="active" color="green">{t('user.status.active')}</Tag>);
  return (
    <Flex gap={4} wrap>
      {tags}
    </Flex>
  );
}
