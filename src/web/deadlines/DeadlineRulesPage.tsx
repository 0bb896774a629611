import { useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { DEADLINE_COLOURS, RULES_26211, type DeadlineColour, type DeadlineStatus } from '../../domain/deadlines.ts';
import type { TDeadlineRule } from '../../shared/deadlines.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { deadlineRuleName } from '../../domain/deadline-rule-names.ts';
import { colourTag } from '../projects/DeadlineTag.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage, showErrorInForm } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useDeadlineRules, useSaveDeadlineRule } from './deadlines.queries.ts';

type RuleStage = TDeadlineRule['fromStage'];
const RULE_STAGES: readonly RuleStage[] = ['signed', 'registered', 'started', 'producing', 'inStats'];
const STATUSES: readonly DeadlineStatus[] = ['onTrack', 'dueSoon', 'overdue'];
const DEFAULT_KEYS = new Set(RULES_26211.map((rule) => rule.key));

function periodText(rule: Pick<TDeadlineRule, 'amount' | 'unit'>, t: Translate): string {
  return t(rule.unit === 'months' ? 'rule.months' : 'rule.days', { amount: rule.amount });
}

function ColourTags({ colours }: { colours: TDeadlineRule['colours'] }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap>
      {STATUSES.map((status) => (
        <Tag key={status} color={colourTag(colours[status], status)}>
          {t(`deadline.status.${status}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** 期限规则: the deadlines every project runs against (26211 by default), for the bureau to tune or add to. */
export function DeadlineRulesPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data: rules, error, isPending } = useDeadlineRules();
  const save = useSaveDeadlineRule();
  const [editing, setEditing] = useState<TDeadlineRule | 'new' | null>(null);

  const handleToggle = async (rule: TDeadlineRule, active: boolean) => {
    try {
      await save.mutateAsync({ id: rule.id, body: { active } });
      void message.success(active ? t('rule.activated', { name: rule.name }) : t('rule.deactivated', { name: rule.name }));
    } catch (caught) {
      void message.error({ content: errorMessage(caught, locale), duration: 6 });
    }
  };

  const columns: TableColumnsType<TDeadlineRule> = [
    {
      title: t('rule.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, rule) => (
        <Flex gap={4} wrap align="center">
          <span>{deadlineRuleName(rule.key, name, locale)}</span>
          {DEFAULT_KEYS.has(rule.key) ? <Tag color="blue">26211</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('rule.stages'),
      key: 'stages',
      render: (_value, rule) => t('deadline.rule', { from: t(`stage.${rule.fromStage}`), to: t(`stage.${rule.toStage}`) }),
    },
    { title: t('rule.period'), key: 'period', render: (_value, rule) => periodText(rule, t) },
    { title: t('rule.warnBeforeDays'), dataIndex: 'warnBeforeDays', key: 'warnBeforeDays', align: 'right', responsive: ['md'], render: (days: number) => t('rule.daysValue', { days }) },
    { title: t('rule.colours'), key: 'colours', responsive: ['lg'], render: (_value, rule) => <ColourTags colours={rule.colours} /> },
    {
      title: t('rule.active'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean, rule) => (
        <Switch checked={active} size="small" aria-label={t('rule.activeFor', { name: rule.name })} onChange={(next) => void handleToggle(rule, next)} />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, rule) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(rule)}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.deadlineRules')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('rule.create')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('rule.defaultsTitle')} description={t('rule.defaultsHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Table<TDeadlineRule> rowKey="id" columns={columns} dataSource={rules ?? []} loading={isPending} pagination={false} scroll={{ x: 'max-content' }} />
      {editing ? <RuleDialog rule={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

type RuleValues = {
  key?: string;
  name?: string;
  fromStage?: RuleStage;
  toStage?: RuleStage;
  amount?: number;
  unit: 'months' | 'days';
  warnBeforeDays?: number;
  colours: Record<DeadlineStatus, DeadlineColour>;
  active: boolean;
};
const FIELDS = ['key', 'name', 'fromStage', 'toStage', 'amount', 'unit', 'warnBeforeDays', 'colours', 'active'] as const;

function RuleDialog({ rule, onClose }: { rule?: TDeadlineRule; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveDeadlineRule();
  const [formError, setFormError] = useState<string | null>(null);
  const colourOptions = DEADLINE_COLOURS.map((colour) => ({ value: colour, label: <Tag color={colourTag(colour, null)}>{t(`colour.${colour}`)}</Tag> }));
  const stageOptions = RULE_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }));

  const handleSubmit = async () => {
    let values: RuleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const body = {
      name: values.name!.trim(),
      fromStage: values.fromStage!,
      toStage: values.toStage!,
      amount: values.amount!,
      unit: values.unit,
      warnBeforeDays: values.warnBeforeDays!,
      colours: values.colours,
      active: values.active,
    };
    try {
      await save.mutateAsync(rule ? { id: rule.id, body } : { body: { ...body, key: values.key!.trim() } });
      void message.success(t('rule.saved'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <Modal
      open
      title={rule ? t('rule.editTitle', { name: rule.name }) : t('rule.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={600}
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Typography.Paragraph type="secondary">{t('rule.recomputeHint')}</Typography.Paragraph>
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? { ...rule }
            : { unit: 'months', amount: 1, warnBeforeDays: 15, colours: { onTrack: 'green', dueSoon: 'yellow', overdue: 'red' }, active: true }
        }
      >
        <Row gutter={16}>
          {rule ? null : (
            <Col xs={24} sm={10}>
              <Form.Item
                name="key"
                label={t('rule.key')}
                extra={t('rule.keyHint')}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  { pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: t('rule.keyPattern') },
                  { max: 40, message: t('form.maxLength', { max: 40 }) },
                ]}
              >
                <Input autoComplete="off" className="zs-code" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={rule ? 24 : 14}>
            <Form.Item name="name" label={t('rule.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100, message: t('form.maxLength', { max: 100 }) }]}>
              <Input autoComplete="off" placeholder={t('rule.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="fromStage" label={t('rule.fromStage')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={stageOptions} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="toStage" label={t('rule.toStage')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={stageOptions} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label={t('rule.period')} required>
              <Flex gap={8}>
                <Form.Item name="amount" noStyle rules={[{ required: true, message: t('form.required') }]}>
                  <InputNumber min={1} max={120} precision={0} style={{ width: 100 }} aria-label={t('rule.amount')} />
                </Form.Item>
                <Form.Item name="unit" noStyle>
                  <Select
                    aria-label={t('rule.unit')}
                    options={[
                      { value: 'months', label: t('rule.unit.months') },
                      { value: 'days', label: t('rule.unit.days') },
                    ]}
                    style={{ width: 100 }}
                  />
                </Form.Item>
              </Flex>
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="warnBeforeDays" label={t('rule.warnBeforeDays')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={365} precision={0} suffix={t('rule.unit.days')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {STATUSES.map((status) => (
            <Col xs={8} key={status}>
              <Form.Item name={['colours', status]} label={t('rule.colourFor', { status: t(`deadline.status.${status}`) })}>
                <Select options={colourOptions} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24}>
            <Form.Item name="active" label={t('rule.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
