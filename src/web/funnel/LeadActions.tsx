import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { Link } from 'react-router';
import type { TLead } from '../../shared/leads.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { wanInputToYuan } from '../ui/money.ts';
import { yuanToWanText } from '../../domain/money.ts';
import { useLeadActions } from './funnel.queries.ts';
import { LeadEditDrawer } from './LeadEditDrawer.tsx';

/** 修改 / 跟进 / 放弃 (with a reason) / 转化为项目 (named; then a link to it), as the lead's state allows. */
export function LeadActions({ lead }: { lead: TLead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { move, convert } = useLeadActions();
  const [dialog, setDialog] = useState<'edit' | 'drop' | 'convert' | null>(null);
  const [dropForm] = Form.useForm<{ reason: string }>();
  const [convertForm] = Form.useForm<{ name: string; amountWan?: string | null }>();

  if (lead.state === 'converted' && lead.projectId) {
    return <Link to={`/projects/${lead.projectId}`}>{t('lead.openProject')}</Link>;
  }

  const drop = async ({ reason }: { reason: string }) => {
    await move.mutateAsync({ id: lead.id, to: 'dropped', reason });
    setDialog(null);
  };
  const toProject = async ({ name, amountWan }: { name: string; amountWan?: string | null }) => {
    await convert.mutateAsync({ id: lead.id, name, totalInvestmentYuan: wanInputToYuan(amountWan) ?? undefined });
    void message.success(t('lead.converted'));
    setDialog(null);
  };

  return (
    <Flex gap={4} wrap>
      <Button size="small" onClick={() => setDialog('edit')}>
        {t('lead.edit')}
      </Button>
      {lead.state === 'new' || lead.state === 'dropped' ? (
        <Button size="small" loading={move.isPending} onClick={() => void move.mutateAsync({ id: lead.id, to: 'following' }).catch(() => undefined)}>
          {t('lead.follow')}
        </Button>
      ) : null}
      {lead.state !== 'dropped' ? (
        <Button size="small" danger onClick={() => setDialog('drop')}>
          {t('lead.drop')}
        </Button>
      ) : null}
      {lead.state !== 'dropped' ? (
        <Button size="small" type="primary" onClick={() => setDialog('convert')}>
          {t('lead.convert')}
        </Button>
      ) : null}
      {/* Mounted only while open, so each opening starts from the lead as saved, not from what was typed and left. */}
      {dialog === 'edit' ? <LeadEditDrawer lead={lead} open onClose={() => setDialog(null)} /> : null}
      <Modal open={dialog === 'drop'} title={t('lead.dropTitle')} onCancel={() => setDialog(null)} onOk={() => dropForm.submit()} confirmLoading={move.isPending} destroyOnHidden>
        <ErrorAlert error={move.error} />
        <Form form={dropForm} layout="vertical" onFinish={(values) => void drop(values).catch(() => undefined)}>
          <Form.Item name="reason" label={t('lead.dropReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'convert'}
        title={t('lead.convertTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => convertForm.submit()}
        confirmLoading={convert.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={convert.error} />
        <Form
          form={convertForm}
          layout="vertical"
          initialValues={{ name: lead.enterpriseName, amountWan: lead.intendedAmountYuan === null ? null : yuanToWanText(lead.intendedAmountYuan) }}
          onFinish={(values) => void toProject(values).catch(() => undefined)}
        >
          <Form.Item name="name" label={t('lead.projectName')} rules={[{ required: true, min: 2, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="amountWan" label={t('lead.amount')} rules={[wanAmountRule(t, false)]}>
            <WanAmountInput />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
