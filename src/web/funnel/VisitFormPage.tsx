import { App, Button, Form } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useCreateVisit } from './funnel.queries.ts';
import { VisitFields, visitToInput, type VisitValues } from './VisitFields.tsx';

/** 记一次拜访: a visit, talks or reception on its own, logged from a phone in under a minute. */
export function VisitFormPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<VisitValues>();
  const create = useCreateVisit();

  const save = async (values: VisitValues) => {
    await create.mutateAsync(visitToInput(values));
    void message.success(t('visit.saved'));
    void navigate('/trips');
  };

  return (
    <>
      <PageHeader title={t('visit.log')} onBack={() => void navigate(-1)} />
      <ErrorAlert error={create.error} />
      <Form<VisitValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 520 }}
        initialValues={{ kind: 'visit', visitedOn: dayjs() }}
        onFinish={(values) => void save(values).catch(() => undefined)}
      >
        <VisitFields />
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('action.save')}
        </Button>
      </Form>
    </>
  );
}
