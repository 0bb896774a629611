import { useState } from 'react';
import { App, Button, Col, DatePicker, Flex, Form, Input, Result, Row, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { creditCodeProblem, normalizeCreditCode } from '../../domain/credit-code.ts';
import { canAdminister, canWriteRecords } from '../../domain/roles.ts';
import type { TEnterprise } from '../../shared/enterprises.ts';
import { errorBody } from '../../shared/errors.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DuplicateHint } from '../funnel/DuplicateHint.tsx';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { IndustryMultiSelect } from '../industries/IndustrySelect.tsx';
import { HqPlaceInput } from './HqPlaceInput.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useEnterprise, useEnterpriseDetail, useSaveEnterprise } from './enterprises.queries.ts';
import { EnterpriseMergedBanner } from './EnterpriseMergedBanner.tsx';
import { EnterpriseVisits } from './EnterpriseVisits.tsx';
import { EnterpriseMerge } from './EnterpriseMerge.tsx';
import { EnterpriseLibraryPanels } from './EnterpriseLibraryPanels.tsx';
import { EnterpriseSelect } from './EnterpriseSelect.tsx';
import { EnterpriseWork } from './EnterpriseWork.tsx';
import { EnterpriseFacts, EnterpriseInterest } from './EnterpriseFacts.tsx';
import { LeadIntakeDrawer } from '../funnel/LeadIntakeDrawer.tsx';
import { wanTextToYuan, yuanToWanText } from '../../domain/money.ts';

type EnterpriseFormValues = {
  name: string;
  creditCode?: string;
  hqRegionCode?: string | null;
  hqCity?: string;
  unitId?: number;
  englishName?: string;
  industryCodes: string[];
  registeredCapitalWan?: string;
  foundedOn?: Dayjs | null;
  businessScope?: string;
  listingExchange?: string;
  listingTicker?: string;
  sizeBand?: 'large' | 'medium' | 'small' | 'micro' | null;
  website?: string;
  parentEnterpriseId?: number | null;
  localUnitId?: number | null;
};

const FIELDS = [
  'name',
  'creditCode',
  'hqRegionCode',
  'hqCity',
  'unitId',
  'englishName',
  'industryCodes',
  'registeredCapitalYuan',
  'foundedOn',
  'businessScope',
  'listingExchange',
  'listingTicker',
  'sizeBand',
  'website',
  'parentEnterpriseId',
  'localUnitId',
] as const;
const SIZE_BANDS = ['large', 'medium', 'small', 'micro'] as const;
const text = (value: string | undefined) => value?.trim() || null;

/**
 * /enterprises/new and /enterprises/:id. An enterprise's page reads (issue 16): its facts, who else follows it, and the
 * projects, leads, visits and contacts of the caller's units; those who may change its facts open the form with 编辑
 * (?edit=1).
 */
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
  const [leadOpen, setLeadOpen] = useState(false);
  const [params, setParams] = useSearchParams();
  // A record merged into another (issue 13) says so, and offers no new work: its page is read-only.
  const detail = useEnterpriseDetail(enterprise?.id);
  const mergedInto = detail.data?.mergedInto ?? null;
  const canStartWork = enterprise !== undefined && canWriteRecords(me.role) && detail.data !== undefined && mergedInto === null;
  // The library is read city-wide; its facts are changed by the bureau, or by staff of the unit that recorded it.
  const readOnly = !canWriteRecords(me.role) || (enterprise !== undefined && !enterprise.canEdit);
  // An enterprise on record is read first; the form is the 编辑 mode of those who may change it.
  const viewing = enterprise !== undefined && (readOnly || params.get('edit') !== '1');
  const handleEditing = (next: boolean) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('edit', '1');
        else updated.delete('edit');
        return updated;
      },
      { replace: !next },
    );
  const breadcrumb = enterprise
    ? viewing
      ? [{ title: t('nav.enterprises'), to: '/enterprises' }, { title: enterprise.name }]
      : [{ title: t('nav.enterprises'), to: '/enterprises' }, { title: enterprise.name, to: `/enterprises/${enterprise.id}` }, { title: t('enterprisePage.edit') }]
    : [{ title: t('nav.enterprises'), to: '/enterprises' }, { title: t('enterprise.create') }];

  const initialValues: EnterpriseFormValues = enterprise
    ? {
        name: enterprise.name,
        creditCode: enterprise.creditCode ?? '',
        hqRegionCode: enterprise.hqRegionCode,
        hqCity: enterprise.hqCity ?? '',
        unitId: enterprise.unitId,
        englishName: enterprise.englishName ?? '',
        industryCodes: enterprise.industryCodes,
        registeredCapitalWan: enterprise.registeredCapitalYuan === null ? '' : yuanToWanText(enterprise.registeredCapitalYuan),
        foundedOn: enterprise.foundedOn ? dayjs(enterprise.foundedOn) : null,
        businessScope: enterprise.businessScope ?? '',
        listingExchange: enterprise.listingExchange ?? '',
        listingTicker: enterprise.listingTicker ?? '',
        sizeBand: enterprise.sizeBand,
        website: enterprise.website ?? '',
        parentEnterpriseId: enterprise.parentEnterpriseId,
        localUnitId: enterprise.localUnitId,
      }
    : { name: '', creditCode: '', hqRegionCode: null, unitId: me.unitId, industryCodes: [], sizeBand: null, parentEnterpriseId: null, localUnitId: null };

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
          // A city only beside a country: in China the region says it.
          hqCity: values.hqRegionCode && /^[A-Z]{2}$/.test(values.hqRegionCode) ? text(values.hqCity) : null,
          unitId: values.unitId,
          englishName: text(values.englishName),
          industryCodes: values.industryCodes ?? [],
          registeredCapitalYuan: values.registeredCapitalWan?.trim() ? wanTextToYuan(values.registeredCapitalWan) : null,
          foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
          businessScope: text(values.businessScope),
          listingExchange: text(values.listingExchange),
          listingTicker: text(values.listingTicker),
          sizeBand: values.sizeBand ?? null,
          website: text(values.website),
          parentEnterpriseId: values.parentEnterpriseId ?? null,
          localUnitId: values.localUnitId ?? null,
        },
      });
      void message.success(t('common.saved'));
      if (enterprise) handleEditing(false);
      else void navigate('/enterprises');
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={enterprise ? enterprise.name : t('enterprise.create')}
        subTitle={
          <Space size={4}>
            {enterprise && !viewing ? <span>{t('enterprisePage.editTitle')}</span> : null}
            {readOnly ? <Tag>{t('common.readOnly')}</Tag> : null}
            {enterprise?.fortuneGlobal500 ? <Tag color="gold">{t('enterprise.fortune500')}</Tag> : null}
          </Space>
        }
        onBack={() => (enterprise && !viewing ? handleEditing(false) : void navigate('/enterprises'))}
        extra={
          viewing && (canStartWork || !readOnly) ? (
            <>
              {readOnly ? null : (
                <Button icon={<EditOutlined />} onClick={() => handleEditing(true)}>
                  {t('enterprisePage.edit')}
                </Button>
              )}
              {canStartWork ? (
                <Button type="primary" onClick={() => setLeadOpen(true)}>
                  {t('libraryScreen.startLead')}
                </Button>
              ) : null}
            </>
          ) : undefined
        }
      />
      {mergedInto ? <EnterpriseMergedBanner mergedInto={mergedInto} /> : null}
      {enterprise && viewing ? (
        <>
          <EnterpriseInterest enterpriseId={enterprise.id} />
          <Row gutter={[24, 8]}>
            <Col xs={24} xl={12}>
              <EnterpriseFacts enterprise={enterprise} />
              <EnterpriseLibraryPanels enterpriseId={enterprise.id} part="library" />
            </Col>
            <Col xs={24} xl={12}>
              <EnterpriseWork enterpriseId={enterprise.id} />
              <EnterpriseVisits enterpriseId={enterprise.id} />
              <EnterpriseLibraryPanels enterpriseId={enterprise.id} part="contacts" />
            </Col>
          </Row>
          {canAdminister(me.role) ? <EnterpriseMerge enterpriseId={enterprise.id} merged={mergedInto !== null} /> : null}
        </>
      ) : null}
      {viewing ? null : (
      <>
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
          <HqPlaceInput initialLabel={enterprise?.hqRegionName} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(before, after) => before.hqRegionCode !== after.hqRegionCode}>
          {({ getFieldValue }) =>
            /^[A-Z]{2}$/.test(getFieldValue('hqRegionCode') ?? '') ? (
              <Form.Item name="hqCity" label={t('library.hqCity')} extra={t('library.hqCityHint')}>
                <Input autoComplete="off" maxLength={100} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="englishName" label={t('library.englishName')}>
          <Input autoComplete="off" maxLength={300} />
        </Form.Item>
        <Form.Item name="industryCodes" label={t('library.industryCodes')} extra={t('library.industryCodesHint')}>
          <IndustryMultiSelect />
        </Form.Item>
        <Flex gap="middle" wrap>
          <Form.Item
            name="registeredCapitalWan"
            label={t('library.registeredCapital')}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value?.trim() && wanTextToYuan(value) === null) throw new Error(t('library.registeredCapitalInvalid'));
                },
              },
            ]}
          >
            <Input inputMode="decimal" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="foundedOn" label={t('library.foundedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="sizeBand" label={t('library.sizeBand')}>
            <Select allowClear style={{ width: 120 }} options={SIZE_BANDS.map((band) => ({ value: band, label: t(`library.size.${band}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="businessScope" label={t('library.businessScope')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Flex gap="middle" wrap>
          <Form.Item name="listingExchange" label={t('library.listingExchange')}>
            <Input maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="listingTicker" label={t('library.listingTicker')}>
            <Input maxLength={20} style={{ width: 140 }} className="zs-code" />
          </Form.Item>
        </Flex>
        <Form.Item name="website" label={t('library.website')}>
          <Input maxLength={300} placeholder="https://" />
        </Form.Item>
        <Form.Item name="parentEnterpriseId" label={t('library.parent')}>
          <EnterpriseSelect initialLabel={enterprise?.parentName ?? undefined} />
        </Form.Item>
        <Form.Item name="localUnitId" label={t('library.localUnit')} extra={t('library.localUnitHint')}>
          <UnitTreeSelect allowClear />
        </Form.Item>
        <Form.Item name="unitId" label={t('enterprise.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        {enterprise?.fortuneGlobal500 ? <Typography.Paragraph type="secondary">{t('library.fortune500Derived')}</Typography.Paragraph> : null}
        {enterprise && !enterprise.canEdit && canWriteRecords(me.role) ? (
          <Typography.Paragraph type="secondary">{t('library.readOnlyFacts')}</Typography.Paragraph>
        ) : null}
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
            <Button onClick={() => (enterprise ? handleEditing(false) : void navigate('/enterprises'))}>{t('action.cancel')}</Button>
          </Flex>
        )}
      </Form>
      </>
      )}
      {enterprise && canStartWork ? (
        <LeadIntakeDrawer
          open={leadOpen}
          onClose={() => setLeadOpen(false)}
          enterprise={{ id: enterprise.id, name: enterprise.name }}
          origin={t('libraryScreen.leadFor', { name: enterprise.name })}
        />
      ) : null}
    </>
  );
}
