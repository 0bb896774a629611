import { useEffect, useState } from 'react';
import { App, Button, Flex, Input, InputNumber, Select, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TLeaderLevel } from '../../shared/activities.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLeaderLevels, useSaveLeaderLevels } from './funnel.queries.ts';

const ROLES = ['principal', 'leader', 'other'] as const;

/**
 * 带队级别: who may lead an outbound trip, as the bureau names them, and what each level counts as in the figures
 * (主要领导 / 领导 / 其他). A level in use is switched off rather than removed.
 */
export function LeaderLevelsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data, error } = useLeaderLevels();
  const save = useSaveLeaderLevels();
  const [rows, setRows] = useState<(TLeaderLevel & { isNew?: boolean })[]>([]);
  useEffect(() => setRows(data ?? []), [data]);
  const change = (index: number, patch: Partial<TLeaderLevel>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const columns: TableColumnsType<TLeaderLevel & { isNew?: boolean }> = [
    {
      title: t('leaderLevel.key'),
      dataIndex: 'key',
      key: 'key',
      render: (key: string, row, index) =>
        row.isNew ? <Input style={{ minWidth: 120 }} aria-label={t('leaderLevel.key')} value={key} onChange={(e) => change(index, { key: e.target.value.trim() })} /> : <code>{key}</code>,
    },
    { title: t('leaderLevel.nameZh'), key: 'nameZh', render: (_, row, index) => <Input style={{ minWidth: 120 }} aria-label={`${row.key} ${t('leaderLevel.nameZh')}`} value={row.nameZh} onChange={(e) => change(index, { nameZh: e.target.value })} /> },
    { title: t('leaderLevel.nameEn'), key: 'nameEn', render: (_, row, index) => <Input style={{ minWidth: 120 }} aria-label={`${row.key} ${t('leaderLevel.nameEn')}`} value={row.nameEn} onChange={(e) => change(index, { nameEn: e.target.value })} /> },
    {
      title: t('leaderLevel.role'),
      key: 'role',
      render: (_, row, index) => (
        <Select style={{ minWidth: 140 }} aria-label={`${row.key} ${t('leaderLevel.role')}`} value={row.role} onChange={(role) => change(index, { role })} options={ROLES.map((role) => ({ value: role, label: t(`leaderLevel.role.${role}`) }))} />
      ),
    },
    { title: t('leaderLevel.sort'), key: 'sort', render: (_, row, index) => <InputNumber aria-label={`${row.key} ${t('leaderLevel.sort')}`} min={0} max={1000} value={row.sort} onChange={(sort) => change(index, { sort: sort ?? 0 })} /> },
    { title: t('leaderLevel.active'), key: 'active', render: (_, row, index) => <Switch aria-label={`${row.key} ${t('leaderLevel.active')}`} checked={row.active} onChange={(active) => change(index, { active })} /> },
  ];

  const handleSave = async () => {
    try {
      await save.mutateAsync(rows.map(({ isNew: _new, ...row }) => ({ ...row, nameZh: row.nameZh.trim(), nameEn: row.nameEn.trim() })));
      void message.success(t('leaderLevel.saved'));
    } catch (failure) {
      void message.error(errorMessage(failure, locale));
    }
  };

  return (
    <>
      <PageHeader title={t('leaderLevel.title')} />
      <Typography.Paragraph type="secondary">{t('leaderLevel.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table rowKey={(_, index) => String(index)} size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      <Flex gap="small" style={{ marginTop: 16 }}>
        <Button icon={<PlusOutlined />} onClick={() => setRows((all) => [...all, { key: '', nameZh: '', nameEn: '', role: 'other', sort: all.length + 1, active: true, isNew: true }])}>
          {t('leaderLevel.add')}
        </Button>
        <Button type="primary" loading={save.isPending} onClick={() => void handleSave()}>
          {t('action.save')}
        </Button>
      </Flex>
    </>
  );
}
