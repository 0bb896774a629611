import { useState } from 'react';
import { App, Button, Checkbox, Flex, Form, Input, Result, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { creditCodeProblem, normalizeCreditCode } from '../../domain/credit-code.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TEnterprise } from '../../shared/enterprises.ts';
import { errorBody } from '../../shared/errors.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DuplicateHint } from '../funnel/DuplicateHint.tsx';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useEnterprise, useSaveEnterprise } from './enterprises.queries.ts';
import { EnterpriseVisits } from './EnterpriseVisits.tsx';

type EnterpriseFormValues = { name: string; creditCode?: string; hqRegionCode?: string | null; fortuneGlobal500: boolean; unitId?: number };

const FIELDS = ['name', 'creditCode', 'hqRegionCode', 'fortuneGlobal500', 'unitId'] as const;

/** /enterprises/new and /enterprises/:id */
export function EnterpriseFormPage() {
  const { id } = useParams();
  const enterpriseId = id === undefined ? undefined : Number(id);
  const { t } = useI18n();
  const { data, error, isPending } = useEnterprise(enterpriseId);
  if (enterpriseId === undefined) return <EnterpriseForm key="new" />;
  if (!Number.isInteger(enterpriseId) || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('enterprise.notFound')} />;
  }
  if (error) return <ErrorAlert error={error} />;
  if (isPending) return <FullPageSpin />;
  return <EnterpriseForm key={data.id} enterprise={data} />;
}

type EnterpriseFormProps = { enterprise?: TEnterprise };

function EnterpriseForm({ enterprise }: EnterpriseFormProps) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const typedName = Form.useWatch('name', form);
  const save = useSaveEnterprise();
  const [formError, setFormError] = useState<string | null>(null);
  const readOnly = !canWriteRecords(me.role);

  const initialValues: EnterpriseFormValues = enterprise
    ? { name: enterprise.name, creditCode: enterprise.creditCode ?? '', hqRegionCode: enterprise.hqRegionCode, fortuneGlobal500: enterprise.fortuneGlobal500, unitId: enterprise.unitId }
    : { name: '', creditCode: '', hqRegionCode: null, fortuneGlobal500: false, unitId: me.unitId };

  const handleSubmit = async (values: EnterpriseFormValues) => {
    setFormError(null);
    const creditCode = normalizeCreditCode(values.creditCode ?? '');
    try {
      await save.mutateAsync({
        id: enterprise?.id,
        body: {
          name: values.name.trim(),
          creditCode: creditCode || null,
          hqRegionCode: values.hqRegionCode ?? null,
          fortuneGlobal500: values.fortuneGlobal500,
          unitId: values.unitId,
        },
      });
      void message.success(t('common.saved'));
      void navigate('/enterprises');
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <>
      <PageHeader
        title={enterprise ? enterprise.name : t('enterprise.create')}
        subTitle={readOnly ? <Tag>{t('common.readOnly')}</Tag> : undefined}
        onBack={() => void navigate('/enterprises')}
      />
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<EnterpriseFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={readOnly}
        requiredMark={!readOnly}
       
        onFinish={(values) => void handleSubmit(values)}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="name"
          label={t('enterprise.name')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 2, message: t('form.minLength', { min: 2 }) },
            { max: 200, message: t('form.maxLength', { max: 200 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {/* A new enterprise: the records anywhere in the city that may be the same one, as its name is typed. */}
        {enterprise ? null : <DuplicateHint name={typedName} />}
        <Form.Item
          name="creditCode"
          label={t('enterprise.creditCode')}
          extra={t('enterprise.creditCodeHint')}
          normalize={(value: string | undefined) => (value ? normalizeCreditCode(value) : value)}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                const problem = creditCodeProblem(value);
                if (problem) throw new Error(errorBody(`creditCode.${problem}`, { field: 'creditCode' }).error.message[locale]);
              },
            },
          ]}
        >
          <Input autoComplete="off" maxLength={24} className="zs-code" />
        </Form.Item>
        <Form.Item name="hqRegionCode" label={t('enterprise.hqRegion')}>
          <RegionSelect initialLabel={enterprise?.hqRegionName} />
        </Form.Item>
        <Form.Item name="fortuneGlobal500" valuePropName="checked" extra={t('enterprise.fortune500Hint')}>
          <Checkbox>{t('enterprise.fortune500')}</Checkbox>
        </Form.Item>
        <Form.Item name="unitId" label={t('enterprise.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        {enterprise ? (
          <Typography.Paragraph type="secondary">
            {t('common.timestamps', { created: formatLongDateTime(enterprise.createdAt, locale), updated: formatLongDateTime(enterprise.updatedAt, locale) })}
          </Typography.Paragraph>
        ) : null}
        {readOnly ? null : (
          <Flex gap="small">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('action.save')}
            </Button>
            <Button onClick={() => void navigate('/enterprises')}>{t('action.cancel')}</Button>
          </Flex>
        )}
      </Form>
      {enterprise ? <EnterpriseVisits enterpriseId={enterprise.id} /> : null}
    </>
  );
}
