import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, List, Modal, Popconfirm, Segmented, Skeleton, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { chinaToday } from '../../domain/calendar.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TTripPlan, TTripPlansQuery } from '../../shared/trip-plans.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useTripPlanActions, useTripPlans } from './trip-plans.queries.ts';

type When = TTripPlansQuery['when'];
const WHEN: When[] = ['upcoming', 'past', 'all'];

/**
 * 外出招商计划 (issue 14): the caller's units' planned trips — upcoming, past or all, of one unit or all — each with the
 * enterprises to call on. A writer edits a plan's title and dates, takes an enterprise off, or removes the plan.
 * Plans are added to from a chain link's candidates (加入出行计划); they count in no figure.
 */
export function TripPlansPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const filters = useUrlFilters();
  const when = (WHEN as string[]).includes(filters.text('when') ?? '') ? (filters.text('when') as When) : 'upcoming';
  const unitId = filters.number('unitId');
  const plans = useTripPlans({ when, unitId });
  const [editing, setEditing] = useState<TTripPlan | null>(null);
  const canWrite = canWriteRecords(me.role);
  const { message } = App.useApp();
  const { removeStop, remove } = useTripPlanActions();
  const [error, setError] = useState<unknown>(null);

  // Said here, not in the plan's card: a removed plan's card is gone by the time its list is read again.
  const handleRemoveStop = async (plan: TTripPlan, stop: TTripPlan['stops'][number]) => {
    setError(null);
    try {
      await removeStop.mutateAsync({ planId: plan.id, stopId: stop.id });
      void message.success(t('tripPlans.stopRemoved', { name: stop.enterpriseName, plan: plan.title }));
    } catch (e) {
      setError(e);
    }
  };
  const handleRemove = async (plan: TTripPlan) => {
    setError(null);
    try {
      await remove.mutateAsync(plan.id);
      void message.success(t('tripPlans.removed', { plan: plan.title }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.tripPlans')} />
      <Typography.Paragraph type="secondary">{t('tripPlans.intro')}</Typography.Paragraph>
      <Flex className="zs-filters" gap="small" wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<When>
          aria-label={t('tripPlans.when')}
          value={when}
          options={WHEN.map((value) => ({ value, label: t(`tripPlans.when.${value}`) }))}
          onChange={(value) => filters.update({ when: value === 'upcoming' ? null : value })}
          data-testid="trip-plans-when"
        />
        <ScopeUnitSelect aria-label={t('tripPlans.unit')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
      </Flex>
      <ErrorAlert error={plans.error ?? error} />
      {plans.isPending && !plans.error ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {plans.data && plans.data.length === 0 ? <Empty description={t(`tripPlans.empty.${when}`)} /> : null}
      <Flex vertical gap="middle">
        {(plans.data ?? []).map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            canWrite={canWrite}
            onEdit={() => setEditing(plan)}
            onRemove={() => handleRemove(plan)}
            onRemoveStop={(stop) => handleRemoveStop(plan, stop)}
            removing={remove.isPending && remove.variables === plan.id}
          />
        ))}
      </Flex>
      <EditPlanDialog plan={editing} onClose={() => setEditing(null)} />
    </>
  );
}

type PlanCardProps = {
  plan: TTripPlan;
  canWrite: boolean;
  onEdit: () => void;
  onRemove: () => Promise<void>;
  onRemoveStop: (stop: TTripPlan['stops'][number]) => Promise<void>;
  removing: boolean;
};

function PlanCard({ plan, canWrite, onEdit, onRemove, onRemoveStop, removing }: PlanCardProps) {
  const { t } = useI18n();
  const over = plan.toOn < chinaToday(new Date());

  return (
    <Card
      size="small"
      data-testid={`trip-plan-${plan.id}`}
      title={
        <Flex gap={8} wrap align="center" style={{ minWidth: 0, whiteSpace: 'normal' }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {plan.title}
          </Typography.Text>
          {over ? <Tag>{t('tripPlans.over')}</Tag> : null}
        </Flex>
      }
      extra={
        canWrite ? (
          <Flex gap={4} wrap>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="trip-plan-edit">
              {t('action.edit')}
            </Button>
            <Popconfirm
              title={t('tripPlans.removeConfirm', { plan: plan.title })}
              description={t('tripPlans.removeHint', { count: plan.stops.length })}
              okText={t('action.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('action.cancel')}
              onConfirm={() => onRemove()}
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={removing} data-testid="trip-plan-remove">
                {t('action.delete')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('tripPlans.dates', { from: plan.fromOn, to: plan.toOn, unit: plan.unitName, count: plan.stops.length })}
      </Typography.Paragraph>
      <List
        size="small"
        locale={{ emptyText: t('tripPlans.noStops') }}
        dataSource={plan.stops}
        renderItem={(stop) => (
          <List.Item
            data-testid={`trip-plan-stop-${stop.id}`}
            actions={
              canWrite
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('tripPlans.stopRemoveConfirm', { name: stop.enterpriseName })}
                      okText={t('tripPlans.stopRemove')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => onRemoveStop(stop)}
                    >
                      <Button size="small" type="link" danger style={{ paddingInline: 0 }} data-testid="trip-plan-stop-remove">
                        {t('tripPlans.stopRemove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
              <Link to={`/enterprises/${stop.enterpriseId}`} style={{ overflowWrap: 'anywhere' }}>
                {stop.enterpriseName}
              </Link>
              {stop.linkId !== null ? <Tag color="blue">{t('tripPlans.fromCandidates')}</Tag> : null}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

type EditValues = { title: string; dates: [Dayjs, Dayjs] };

function EditPlanDialog({ plan, onClose }: { plan: TTripPlan | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { update } = useTripPlanActions();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };
  const submit = async (values: EditValues) => {
    if (!plan) return;
    setError(null);
    try {
      const saved = await update.mutateAsync({
        planId: plan.id,
        title: values.title.trim(),
        fromOn: values.dates[0].format('YYYY-MM-DD'),
        toOn: values.dates[1].format('YYYY-MM-DD'),
      });
      void message.success(t('tripPlans.saved', { plan: saved.title }));
      close();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={plan !== null}
      title={t('tripPlans.editTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      okButtonProps={{ loading: update.isPending }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {plan ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ title: plan.title, dates: [dayjs(plan.fromOn), dayjs(plan.toOn)] }}
          onFinish={(values) => void submit(values)}
          data-testid="trip-plan-edit-form"
        >
          <Form.Item name="title" label={t('tripPlan.titleLabel')} rules={[{ required: true, whitespace: true, message: t('tripPlan.titleRequired') }]}>
            <Input maxLength={100} data-testid="trip-plan-edit-title" />
          </Form.Item>
          <Form.Item name="dates" label={t('tripPlan.dates')} rules={[{ required: true, message: t('tripPlan.datesRequired') }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
