import { Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import type { TLocale } from '../../shared/common.ts';
import type { TCorrection } from '../../shared/closes.ts';
import { useCloses } from '../closes/closes.queries.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type BulletinCorrectionsProps = { year: number; month: number; corrections: TCorrection[] };

/** "2026-09" as the bulletin writes a month: 2026年9月 / Sep 2026. */
function monthLabel(month: string, locale: TLocale): string {
  return dayjs(`${month}-01`).format(locale === 'zh-CN' ? 'YYYY年M月' : 'MMM YYYY');
}

/**
 * 更正情况: the changes to closed months made since the close before this bulletin's month — which project, what
 * changed, why and when — so that no figure moves without the bulletin saying so. Printed with the bulletin.
 */
export function BulletinCorrections({ year, month, corrections }: BulletinCorrectionsProps) {
  const { t, locale } = useI18n();
  const closes = useCloses();
  const key = `${year}-${String(month).padStart(2, '0')}`;
  const previous = closes.data?.items.find((close) => `${close.year}-${String(close.month).padStart(2, '0')}` < key);
  // Before any close there is nothing a correction could be to: the section would only say so.
  if (corrections.length === 0 && !previous) return null;
  const since = previous ? monthLabel(`${previous.year}-${String(previous.month).padStart(2, '0')}`, locale) : '';

  const columns: TableColumnsType<TCorrection> = [
    { title: t('bulletin.unitName'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('corrections.project'),
      key: 'project',
      render: (_value, row) => <Link to={`/projects/${row.projectId}`}>{row.projectName}</Link>,
    },
    { title: t('corrections.closedMonth'), dataIndex: 'closedMonth', key: 'closedMonth', render: (value: string) => monthLabel(value, locale) },
    { title: t('corrections.summary'), dataIndex: 'summary', key: 'summary' },
    { title: t('corrections.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('corrections.recordedBy'), dataIndex: 'recordedBy', key: 'recordedBy', render: (value: string | null) => value ?? '—' },
    {
      title: t('corrections.recordedAt'),
      dataIndex: 'recordedAt',
      key: 'recordedAt',
      render: (value: string) => <span className="zs-amount">{formatDateTime(value)}</span>,
    },
  ];

  return (
    <section className="zs-bulletin-section" data-testid="bulletin-corrections">
      <Typography.Title level={5}>{t('corrections.title')}</Typography.Title>
      <Typography.Paragraph className="zs-bulletin-sentence">
        {corrections.length === 0 ? t('corrections.none', { since }) : t('corrections.intro', { since, count: corrections.length })}
      </Typography.Paragraph>
      {corrections.length > 0 ? (
        <Table<TCorrection>
          rowKey={(row) => `${row.projectId}:${row.recordedAt}:${row.summary}`}
          size="small"
          bordered
          columns={columns}
          dataSource={corrections}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      ) : null}
    </section>
  );
}
