import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import { ZEventKind, type TEvent } from '../../shared/events.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { FormDrawer } from './FormDrawer.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { useEventActions, useEventList } from './funnel.queries.ts';

type Values = { name: string; kind: TEvent['kind']; place?: string; heldOn: Dayjs; note?: string };

/** 招商活动: promotions, signing ceremonies and fairs, with what was signed there and how far it has got. */
export function EventsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const filters = useUrlFilters();
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useEventList({ page, pageSize });
  const { create } = useEventActions();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const save = async (values: Values) => {
    const event = await create.mutateAsync({ ...values, heldOn: values.heldOn.format('YYYY-MM-DD') });
    void message.success(t('event.saved'));
    setOpen(false);
    void navigate(`/events/${event.id}`);
  };

  const columns: TableColumnsType<TEvent> = [
    { title: t('event.name'), key: 'name', render: (_, event) => <Link to={`/events/${event.id}`}>{event.name}</Link> },
    { title: t('event.kind'), dataIndex: 'kind', key: 'kind', render: (kind: TEvent['kind']) => t(`event.kind.${kind}`) },
    { title: t('event.heldOn'), dataIndex: 'heldOn', key: 'heldOn', render: (day: string) => formatDate(day) },
    { title: t('event.place'), dataIndex: 'place', key: 'place', responsive: ['md'], render: (place: string | null) => place ?? '—' },
    { title: t('event.signed'), key: 'signed', align: 'right', render: (_, event) => event.cohort.signed },
    { title: t('event.startRate'), key: 'startRate', align: 'right', responsive: ['sm'], render: (_, event) => event.cohort.startRate ?? '—' },
    { title: t('event.arrivalRate'), key: 'arrivalRate', align: 'right', responsive: ['sm'], render: (_, event) => event.cohort.arrivalRate ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.events')}
        extra={
          canWriteRecords(me.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('event.create')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={error} />
      <Table<TEvent>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('event.total', { total }) })}
      />
      <FormDrawer open={open} onClose={() => setOpen(false)} title={t('event.create')} onSave={() => form.submit()} saving={create.isPending} error={create.error}>
        <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'promotion', heldOn: dayjs() }} onFinish={(values) => void save(values).catch(() => undefined)}>
          <Form.Item name="name" label={t('event.name')} rules={[{ required: true, min: 2, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t('event.kind')}>
            <Select options={ZEventKind.options.map((kind) => ({ value: kind, label: t(`event.kind.${kind}`) }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('event.heldOn')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label={t('event.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('event.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </>
  );
}
