import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TTeam } from '../../shared/activities.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { FormDrawer } from './FormDrawer.tsx';
import { useCreateTeam, useTeams } from './funnel.queries.ts';

type Values = { name: string; hostRegionCode: string; members?: string[]; startedOn: Dayjs; endedOn?: Dayjs | null };

/** 驻点小分队: the resident teams, where and when they are, who is in them, and the leads and visits they brought. */
export function TeamsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, isFetching, error } = useTeams();
  const create = useCreateTeam();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const save = async (values: Values) => {
    await create.mutateAsync({
      name: values.name,
      hostRegionCode: values.hostRegionCode,
      members: values.members ?? [],
      startedOn: values.startedOn.format('YYYY-MM-DD'),
      endedOn: values.endedOn ? values.endedOn.format('YYYY-MM-DD') : null,
    });
    void message.success(t('team.saved'));
    setOpen(false);
  };

  const columns: TableColumnsType<TTeam> = [
    { title: t('team.name'), dataIndex: 'name', key: 'name' },
    { title: t('team.host'), dataIndex: 'hostRegionName', key: 'host' },
    { title: t('team.members'), key: 'members', responsive: ['md'], render: (_, team) => team.members.join('、') || '—' },
    {
      title: t('team.period'),
      key: 'period',
      responsive: ['sm'],
      render: (_, team) => `${formatDate(team.startedOn)} – ${team.endedOn ? formatDate(team.endedOn) : t('team.ongoing')}`,
    },
    {
      title: t('team.leads'),
      dataIndex: 'leads',
      key: 'leads',
      align: 'right',
      render: (leads: number, team) => (
        <Link to={`/leads?teamId=${team.id}`} aria-label={`${leads} ${t('team.leadsOf', { name: team.name })}`}>
          {leads}
        </Link>
      ),
    },
    { title: t('team.visits'), dataIndex: 'visits', key: 'visits', align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.teams')}
        extra={
          canWriteRecords(me.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('team.create')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={error} />
      <Table<TTeam> rowKey="id" columns={columns} dataSource={data ?? []} loading={isFetching} pagination={false} />
      <FormDrawer open={open} onClose={() => setOpen(false)} title={t('team.create')} onSave={() => form.submit()} saving={create.isPending} error={create.error}>
        <Form<Values> form={form} layout="vertical" initialValues={{ startedOn: dayjs(), members: [] }} onFinish={(values) => void save(values).catch(() => undefined)}>
          <Form.Item name="name" label={t('team.name')} rules={[{ required: true, min: 2, message: t('form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hostRegionCode" label={t('team.host')} rules={[{ required: true, message: t('form.required') }]}>
            <RegionSelect />
          </Form.Item>
          <Form.Item name="members" label={t('team.members')}>
            <Select mode="tags" open={false} placeholder={t('team.membersHint')} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('team.startedOn')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endedOn" label={t('team.endedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </>
  );
}
