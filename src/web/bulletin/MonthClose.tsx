import { App, Button, Flex, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { canAdminister } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useCloseMonth, useCloses } from '../closes/closes.queries.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';

export type BulletinMonth = { year: number; month: number };

const monthKey = ({ year, month }: BulletinMonth) => `${year}-${String(month).padStart(2, '0')}`;

/** Whether the month has ended (only an ended month can be closed) and what a later close of its year covers. */
function monthState(asked: BulletinMonth, today: string, through: ReadonlyMap<number, number> | undefined) {
  const ended = monthKey(asked) < today.slice(0, 7);
  const closedThrough = through?.get(asked.year) ?? 0;
  return { ended, frozenBy: asked.month < closedThrough ? closedThrough : null };
}

export type CloseMonthButtonProps = { asked: BulletinMonth; closedAt: string | null; today: string };

/**
 * 关账, for the bureau, on an ended month not closed yet: after a confirmation that says what closing means —
 * the month's figures are kept as they stand, and every later change to them is a correction with a reason.
 */
export function CloseMonthButton({ asked, closedAt, today }: CloseMonthButtonProps) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const me = useCurrentUser();
  const closes = useCloses();
  const close = useCloseMonth();
  const { ended, frozenBy } = monthState(asked, today, closes.data?.through);
  if (!canAdminister(me.role) || !ended || closedAt || frozenBy !== null || !closes.data) return null;

  const confirm = () =>
    modal.confirm({
      title: t('close.confirmTitle', asked),
      icon: <LockOutlined />,
      width: 520,
      content: (
        <>
          <Typography.Paragraph>{t('close.confirmFrozen', asked)}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('close.confirmCorrections')}</Typography.Paragraph>
        </>
      ),
      okText: t('close.confirm'),
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await close.mutateAsync(asked);
          void message.success(t('close.done', asked));
        } catch (error) {
          void message.error({ content: errorMessage(error, locale), duration: 6 });
        }
      },
    });

  return (
    <Button icon={<LockOutlined />} onClick={confirm} loading={close.isPending}>
      {t('close.button')}
    </Button>
  );
}

export type MonthCloseStatusProps = { asked: BulletinMonth; closedAt: string | null; today: string };

/**
 * In the bulletin itself (printed too): 已关账 with the time of the close, or — for a month before a closed one of
 * the same year — that its figures were frozen with that later close; an ended open month says its figures may move.
 */
export function MonthCloseStatus({ asked, closedAt, today }: MonthCloseStatusProps) {
  const { t, locale } = useI18n();
  const closes = useCloses();
  const { ended, frozenBy } = monthState(asked, today, closes.data?.through);
  const tag = closedAt ? (
    <Tag color="green" icon={<LockOutlined />} data-testid="bulletin-closed">
      {t('close.closedAt', { at: formatLongDateTime(closedAt, locale) })}
    </Tag>
  ) : frozenBy !== null ? (
    <Tag icon={<LockOutlined />}>{t('close.frozenBy', { year: asked.year, month: frozenBy })}</Tag>
  ) : ended && closes.data ? (
    <Tag data-testid="bulletin-open">{t('close.open')}</Tag>
  ) : null;
  if (!tag) return null;
  return (
    <Flex justify="center" style={{ marginTop: -8, marginBottom: 16 }}>
      {tag}
    </Flex>
  );
}
