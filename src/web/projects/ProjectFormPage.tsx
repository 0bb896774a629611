import { useState } from 'react';
import { App, Button, Flex, Form, Input, Result, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { yuanToWanText } from '../../domain/money.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TProject } from '../../shared/projects.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { wanInputToYuan } from '../ui/money.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ProjectLifecycleCard } from './ProjectLifecycle.tsx';
import { useProject, useSaveProject } from './projects.queries.ts';
import { StageTag } from './StageTag.tsx';

/** The amount is typed in 万元 and sent as whole 元 (totalInvestmentYuan). */
type ProjectFormValues = {
  name: string;
  investorEnterpriseId?: number;
  unitId?: number;
  totalInvestmentWan?: string | null;
};

/**
 * The stage is not edited here: a new project starts as 在谈, and every later stage is a dated change with its
 * evidence, recorded in the lifecycle card below the form (ProjectLifecycle.tsx).
 */
const FIELDS = ['name', 'investorEnterpriseId', 'unitId', 'totalInvestmentWan'] as const;

/** /projects/new and /projects/:id */
export function ProjectFormPage() {
  const { id } = useParams();
  const projectId = id === undefined ? undefined : Number(id);
  const { t } = useI18n();
  const { data, error, isPending } = useProject(projectId);
  if (projectId === undefined) return <ProjectForm key="new" />;
  if (!Number.isInteger(projectId) || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('project.notFound')} />;
  }
  if (error) return <ErrorAlert error={error} />;
  if (isPending) return <FullPageSpin />;
  return <ProjectForm key={data.id} project={data} />;
}

type ProjectFormProps = { project?: TProject };

function ProjectForm({ project }: ProjectFormProps) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectFormValues>();
  const save = useSaveProject();
  const [formError, setFormError] = useState<string | null>(null);
  // A confidential project seen from outside its unit arrives under its code name, without its investor.
  const readOnly = !canWriteRecords(me.role) || !!project?.confidential;

  const initialValues: ProjectFormValues = project
    ? {
        name: project.name,
        investorEnterpriseId: project.investorEnterpriseId ?? undefined,
        unitId: project.unitId,
        totalInvestmentWan: yuanToWanText(project.totalInvestmentYuan),
      }
    : { name: '', unitId: me.unitId, totalInvestmentWan: null };

  const handleSubmit = async (values: ProjectFormValues) => {
    setFormError(null);
    const totalInvestmentYuan = wanInputToYuan(values.totalInvestmentWan);
    if (totalInvestmentYuan === null || values.investorEnterpriseId === undefined || values.unitId === undefined) return;
    try {
      await save.mutateAsync({
        id: project?.id,
        body: {
          name: values.name.trim(),
          investorEnterpriseId: values.investorEnterpriseId,
          unitId: values.unitId,
          totalInvestmentYuan,
        },
      });
      void message.success(t('common.saved'));
      void navigate('/projects');
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS, { totalInvestmentYuan: 'totalInvestmentWan' }));
    }
  };

  return (
    <>
      <PageHeader
        title={project ? project.name : t('project.create')}
        subTitle={
          <Flex gap={4}>
            {project ? <StageTag stage={project.stage} /> : null}
            {project?.confidential ? <Tag color="purple">{t('project.confidential')}</Tag> : null}
            {readOnly ? <Tag>{t('common.readOnly')}</Tag> : null}
          </Flex>
        }
        onBack={() => void navigate('/projects')}
      />
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<ProjectFormValues>
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
          label={t('project.name')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 2, message: t('form.minLength', { min: 2 }) },
            { max: 200, message: t('form.maxLength', { max: 200 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="investorEnterpriseId"
          label={t('project.investor')}
          extra={readOnly ? undefined : t('project.investorHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <EnterpriseSelect initialLabel={project?.investorName} disabled={readOnly} />
        </Form.Item>
        <Form.Item name="unitId" label={t('project.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="totalInvestmentWan" label={t('project.totalInvestmentWan')} rules={[wanAmountRule(t)]}>
          <WanAmountInput />
        </Form.Item>
        {project ? null : <Typography.Paragraph type="secondary">{t('project.startsAsLead')}</Typography.Paragraph>}
        {project ? (
          <Typography.Paragraph type="secondary">
            {t('common.timestamps', { created: formatLongDateTime(project.createdAt, locale), updated: formatLongDateTime(project.updatedAt, locale) })}
          </Typography.Paragraph>
        ) : null}
        {readOnly ? null : (
          <Flex gap="small">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('action.save')}
            </Button>
            <Button onClick={() => void navigate('/projects')}>{t('action.cancel')}</Button>
          </Flex>
        )}
      </Form>
      {project ? <ProjectLifecycleCard projectId={project.id} canMove={!readOnly} /> : null}
    </>
  );
}
