import { useState } from 'react';
import { App, Button, Col, Divider, Flex, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { yuanToWanText } from '../../domain/money.ts';
import type { TProject } from '../../shared/projects.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { IndustrySelect } from '../industries/IndustrySelect.tsx';
import { LocalIndustryInput } from '../local-industries/LocalIndustryInput.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { OfficerSelect } from '../users/OfficerSelect.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { CorrectionReasonField, useCorrectionPrompt } from '../ui/CorrectionReason.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { wanInputToYuan } from '../ui/money.ts';
import { useSaveProject, type FundSource, type ProjectType } from './projects.queries.ts';

/** Amounts are typed in 万元 (foreign capital in 万美元) and sent as whole 元 (whole US dollars). */
type ProjectFormValues = {
  name: string;
  investorEnterpriseId?: number;
  unitId?: number;
  reportedUnitId?: number | null;
  projectType: ProjectType;
  industryCode?: string | null;
  localIndustry?: string | null;
  totalInvestmentWan?: string | null;
  contractInvestmentWan?: string | null;
  fundSource?: FundSource | null;
  foreignInvestmentWanUsd?: string | null;
  isMajor: boolean;
  amountsEstimated?: boolean;
  threeBatch?: string | null;
  responsibleLeader?: string | null;
  responsibleOfficerId?: number | null;
  codeName?: string | null;
  /** Asked for only when the server refuses an edit that moves figures of a closed month. */
  correctionReason?: string;
};

const FIELDS = [
  'name',
  'investorEnterpriseId',
  'unitId',
  'reportedUnitId',
  'projectType',
  'industryCode',
  'localIndustry',
  'totalInvestmentWan',
  'contractInvestmentWan',
  'fundSource',
  'foreignInvestmentWanUsd',
  'isMajor',
  'amountsEstimated',
  'threeBatch',
  'responsibleLeader',
  'responsibleOfficerId',
  'codeName',
  'correctionReason',
] as const;

const ALIASES = {
  totalInvestmentYuan: 'totalInvestmentWan',
  contractInvestmentYuan: 'contractInvestmentWan',
  foreignInvestmentUsd: 'foreignInvestmentWanUsd',
};

export const FUND_SOURCES: readonly FundSource[] = ['outOfProvince', 'outOfCity', 'local', 'foreign'];
export const PROJECT_TYPES: readonly ProjectType[] = ['industrial', 'other'];

export function fundSourceOptions(t: Translate) {
  return FUND_SOURCES.map((source) => ({ value: source, label: t(`fundSource.${source}`) }));
}

function wanOrNull(yuan: number | null): string | null {
  return yuan === null ? null : yuanToWanText(yuan);
}

function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export type ProjectFormProps = {
  project?: TProject;
  readOnly: boolean;
  /** Where the form goes after saving a new project (an existing one stays on its page). */
  onCreated: (project: TProject) => void;
  /** An existing project saved: its page goes back from 编辑 to the summary. */
  onSaved?: (project: TProject) => void;
  /** 取消: back to where the form was opened from (the project list when not said). */
  onCancel?: () => void;
};

/** Every field of the project record; the stage is not one of them (it moves by dated changes). */
export function ProjectForm({ project, readOnly, onCreated, onSaved, onCancel }: ProjectFormProps) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectFormValues>();
  const save = useSaveProject();
  const [formError, setFormError] = useState<string | null>(null);
  const correction = useCorrectionPrompt(locale);
  const fundSource = Form.useWatch('fundSource', form);

  const initialValues: ProjectFormValues = project
    ? {
        name: project.name,
        investorEnterpriseId: project.investorEnterpriseId ?? undefined,
        unitId: project.unitId,
        reportedUnitId: project.reportedUnitId,
        projectType: project.projectType,
        industryCode: project.industryCode,
        localIndustry: project.localIndustry,
        totalInvestmentWan: yuanToWanText(project.totalInvestmentYuan),
        contractInvestmentWan: wanOrNull(project.contractInvestmentYuan),
        fundSource: project.fundSource,
        foreignInvestmentWanUsd: wanOrNull(project.foreignInvestmentUsd),
        isMajor: project.isMajor,
        amountsEstimated: project.amountsEstimated,
        threeBatch: project.threeBatch,
        responsibleLeader: project.responsibleLeader,
        responsibleOfficerId: project.responsibleOfficerId,
        codeName: project.codeName,
      }
    : { name: '', unitId: me.unitId, projectType: 'industrial', totalInvestmentWan: null, isMajor: false };

  const handleSubmit = async (values: ProjectFormValues) => {
    setFormError(null);
    const totalInvestmentYuan = wanInputToYuan(values.totalInvestmentWan);
    if (totalInvestmentYuan === null || values.investorEnterpriseId === undefined || values.unitId === undefined) return;
    const foreign = values.fundSource === 'foreign';
    const body = {
      name: values.name.trim(),
      investorEnterpriseId: values.investorEnterpriseId,
      unitId: values.unitId,
      reportedUnitId: values.reportedUnitId ?? null,
      projectType: values.projectType,
      industryCode: values.industryCode ?? null,
      localIndustry: textOrNull(values.localIndustry),
      totalInvestmentYuan,
      contractInvestmentYuan: wanInputToYuan(values.contractInvestmentWan),
      fundSource: values.fundSource ?? null,
      foreignInvestmentUsd: foreign ? wanInputToYuan(values.foreignInvestmentWanUsd) : null,
      isMajor: values.isMajor,
      amountsEstimated: values.amountsEstimated ?? false,
      threeBatch: textOrNull(values.threeBatch),
      responsibleLeader: textOrNull(values.responsibleLeader),
      responsibleOfficerId: values.responsibleOfficerId ?? null,
      codeName: textOrNull(values.codeName),
      ...(values.correctionReason?.trim() ? { correctionReason: values.correctionReason.trim() } : {}),
    };
    try {
      const saved = await save.mutateAsync({ id: project?.id, body });
      void message.success(t('common.saved'));
      correction.reset();
      form.setFieldValue('correctionReason', undefined);
      if (!project) onCreated(saved);
      else onSaved?.(saved);
    } catch (error) {
      if (correction.catches(error)) return;
      setFormError(showErrorInForm(form, error, locale, FIELDS, ALIASES));
    }
  };

  const half = { xs: 24, md: 12 };

  return (
    <>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<ProjectFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={readOnly}
        requiredMark={!readOnly}
        onFinish={(values) => void handleSubmit(values)}
        style={{ maxWidth: 880 }}
      >
        <Row gutter={24}>
          <Col xs={24}>
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
          </Col>
          <Col {...half}>
            <Form.Item
              name="investorEnterpriseId"
              label={t('project.investor')}
              extra={readOnly ? undefined : t('project.investorHint')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <EnterpriseSelect initialLabel={project?.investorName} disabled={readOnly} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="industryCode" label={t('project.industry')} extra={readOnly ? undefined : t('industry.hint')}>
              <IndustrySelect initialName={project?.industryName} disabled={readOnly} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="localIndustry" label={t('localIndustry.field')} extra={readOnly ? undefined : t('localIndustry.fieldHint')}>
              <LocalIndustryInput disabled={readOnly} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="unitId" label={t('project.unit')} rules={[{ required: true, message: t('form.required') }]}>
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="reportedUnitId" label={t('project.reportedUnit')} extra={readOnly ? undefined : t('project.reportedUnitHint')}>
              <UnitTreeSelect allowClear initialLabel={project?.reportedUnitName} placeholder={t('project.sameAsUnit')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="projectType" label={t('project.type')}>
              <Radio.Group
                optionType="button"
                options={PROJECT_TYPES.map((type) => ({ value: type, label: t(`projectType.${type}`) }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="isMajor" label={t('project.isMajor')} valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="amountsEstimated" label={t('project.amountsEstimated')} valuePropName="checked" extra={t('project.amountsEstimatedHint')}>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('project.section.investment')}
        </Divider>
        <Row gutter={24}>
          <Col {...half}>
            <Form.Item name="totalInvestmentWan" label={t('project.totalInvestmentWan')} rules={[wanAmountRule(t)]}>
              <WanAmountInput />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contractInvestmentWan"
              label={t('project.contractInvestmentWan')}
              extra={readOnly ? undefined : t('project.contractInvestmentHint')}
              rules={[wanAmountRule(t, false)]}
            >
              <WanAmountInput />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="fundSource" label={t('project.fundSource')}>
              <Select allowClear options={fundSourceOptions(t)} placeholder={t('project.fundSourceChoose')} />
            </Form.Item>
          </Col>
          {fundSource === 'foreign' ? (
            <Col {...half}>
              <Form.Item name="foreignInvestmentWanUsd" label={t('project.foreignInvestmentWanUsd')} rules={[wanAmountRule(t, false)]}>
                <WanAmountInput currency="usd" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>

        <Divider titlePlacement="start" plain>
          {t('project.section.management')}
        </Divider>
        <Row gutter={24}>
          <Col {...half}>
            <Form.Item name="responsibleLeader" label={t('project.responsibleLeader')} rules={[{ max: 50, message: t('form.maxLength', { max: 50 }) }]}>
              <Input autoComplete="off" placeholder={readOnly ? undefined : t('project.responsibleLeaderHint')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="responsibleOfficerId" label={t('project.responsibleOfficer')}>
              <OfficerSelect initialLabel={project?.responsibleOfficerName} disabled={readOnly} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="threeBatch"
              label={t('project.threeBatch')}
              extra={readOnly ? undefined : t('project.threeBatchHint')}
              rules={[{ max: 50, message: t('form.maxLength', { max: 50 }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="codeName"
              label={t('project.codeName')}
              extra={readOnly ? undefined : t('project.codeNameHint')}
              rules={[{ max: 100, message: t('form.maxLength', { max: 100 }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        {project ? null : <Typography.Paragraph type="secondary">{t('project.startsAsLead')}</Typography.Paragraph>}
        {project ? (
          <Typography.Paragraph type="secondary">
            {t('common.timestamps', { created: formatLongDateTime(project.createdAt, locale), updated: formatLongDateTime(project.updatedAt, locale) })}
          </Typography.Paragraph>
        ) : null}
        <CorrectionReasonField prompt={correction} name="correctionReason" />
        {readOnly ? null : (
          <Flex gap="small">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('action.save')}
            </Button>
            <Button onClick={() => (onCancel ? onCancel() : void navigate('/projects'))}>{t('action.cancel')}</Button>
          </Flex>
        )}
      </Form>
    </>
  );
}
