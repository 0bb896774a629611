import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Spin, Tag, Typography, theme } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { TNotification } from '../../shared/notifications.ts';
import { useDeadlineRules } from '../deadlines/deadlines.queries.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './notifications.queries.ts';

/** 提醒: a bell with the number of unread reminders (deadlines, leads' follow-ups, 甄别 notices); each opens its record and counts as read. */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, error, isPending } = useNotifications();
  const unread = data?.unread ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={<NotificationsTitle unread={unread} />}
      content={
        <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notifications">
          <ErrorAlert error={error} />
          {isPending ? <Spin /> : null}
          {data && data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notification.none')} /> : null}
          {data?.items.map((item) => (
            <NotificationItem key={item.id} item={item} onOpened={() => setOpen(false)} />
          ))}
        </div>
      }
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notification.bell', { count: unread })} />
      </Badge>
    </Popover>
  );
}

function NotificationsTitle({ unread }: { unread: number }) {
  const { t } = useI18n();
  const markAllRead = useMarkAllNotificationsRead();
  return (
    <Flex justify="space-between" align="center">
      <span>{t('notification.title')}</span>
      {unread > 0 ? (
        <Button type="link" size="small" icon={<CheckOutlined />} loading={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
          {t('notification.markAllRead')}
        </Button>
      ) : null}
    </Flex>
  );
}

function NotificationItem({ item, onOpened }: { item: TNotification; onOpened: () => void }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  const { data: rules = [] } = useDeadlineRules();
  const rule = rules.find((candidate) => candidate.key === item.ruleKey);
  const review = item.ruleKey === 'duplicateReview';

  const handleOpen = () => {
    if (!item.read) markRead.mutate(item.id);
    onOpened();
    // A lead's follow-up reminder opens the leads list on it; a deadline reminder, the project's stages; a 甄别 notice,
    // the unit's own project (whose page shows its review status).
    void navigate(
      item.leadId !== null ? `/leads?q=${encodeURIComponent(item.projectName)}` : review ? `/projects/${item.projectId}` : `/projects/${item.projectId}?tab=lifecycle`,
    );
  };

  return (
    <button
      type="button"
      onClick={handleOpen}
      className="zs-notification"
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        border: 'none',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: item.read ? 'transparent' : token.colorPrimaryBg,
        padding: `${token.paddingXS}px ${token.paddingSM}px`,
        cursor: 'pointer',
        font: 'inherit',
      }}
    >
      <Flex vertical gap={2}>
        <Flex justify="space-between" gap="small">
          <Typography.Text strong={!item.read} ellipsis>
            {item.projectName}
          </Typography.Text>
          {review ? (
            <Tag color={item.level === 'underReview' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {t('notification.review.tag')}
            </Tag>
          ) : (
            <Tag color={item.level === 'overdue' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
              {t(`deadline.status.${item.level as 'dueSoon' | 'overdue'}`)}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {review ? (
            <ReviewText item={item} />
          ) : (
            t('notification.due', { rule: item.leadId !== null ? t('notification.leadFollowUp') : (rule?.name ?? item.ruleKey), date: item.dueOn })
          )}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(item.createdAt)} · {item.personal ? t('notification.personal') : t('notification.toUnit')}
        </Typography.Text>
      </Flex>
    </button>
  );
}

/** A 甄别 notice (issue 17): the unit's own project entered review, or the bureau's decision and who took it. */
function ReviewText({ item }: { item: TNotification }) {
  const { t } = useI18n();
  if (item.level === 'underReview') return <>{t('notification.review.underReview', { project: item.projectName })}</>;
  const outcome = item.level === 'mergeUndone' ? t('notification.review.mergeUndone') : t(`duplicates.status.${item.level as 'notDuplicate' | 'creditSplit' | 'merged'}`);
  return <>{t('notification.review.decided', { project: item.projectName, outcome, unit: item.decidedByUnitName ?? '', by: item.decidedByName ?? '' })}</>;
}
