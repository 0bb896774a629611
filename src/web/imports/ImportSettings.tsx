import { useState } from 'react';
import { App, Button, Checkbox, Col, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { LEDGER_FIELDS, unitInLabel, type LedgerField } from '../../domain/ledger-columns.ts';
import type { TColumnMapping, TImportBatch, TImportOptions } from '../../shared/imports.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { fieldLabel } from './ImportCounts.tsx';
import { useRereadImport } from './imports.queries.ts';

type MoneyUnit = '元' | '万元' | '亿元';
const MONEY_UNITS: readonly MoneyUnit[] = ['元', '万元', '亿元'];
const AMOUNT_FIELDS: readonly LedgerField[] = ['totalInvestment', 'contractInvestment'];

/** 0 → A, 25 → Z, 26 → AA: the column letters Excel shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export type ImportSettingsProps = { batch: TImportBatch };

/**
 * How the file is read: which sheet, the default unit, the year for dates without one, and which column holds each
 * ledger field (kept as the unit's template when asked). "重新识别" reads the same file again with them.
 * The parent keys this panel by the batch's answer, so a new preview starts it afresh.
 */
export function ImportSettings({ batch }: ImportSettingsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reread = useRereadImport(batch.id);
  // '' reads every sheet with a project header (issue 12); a name reads that sheet alone.
  const readSheet = batch.sheetChosen ? batch.sheet : '';
  const [sheet, setSheet] = useState(readSheet);
  const [unitId, setUnitId] = useState<number | undefined>(batch.unitId);
  const [year, setYear] = useState<number | null>(null);
  const [mapping, setMapping] = useState<TColumnMapping>(batch.mapping);
  const [mappingEdited, setMappingEdited] = useState(false);
  const [saveTemplate, setSaveTemplate] = useState(false);
  const sameSheet = sheet === readSheet;
  // A mapping set by hand names one sheet's columns: with several sheets read, choose the sheet first.
  const mappable = sameSheet && batch.sheetsRead.length <= 1;

  const columnOptions = batch.labels.map((label, index) => ({
    value: index,
    label: label.trim()
      ? t('imports.columnOption', { letter: columnLetter(index), label })
      : t('imports.columnOptionEmpty', { letter: columnLetter(index) }),
  }));

  const chooseColumn = (field: LedgerField, index: number | undefined) => {
    setMappingEdited(true);
    setMapping((current) => {
      const next: TColumnMapping = { ...current };
      if (index === undefined) {
        delete next[field];
        return next;
      }
      const before = current[field];
      // The column's own unit ("总投资(亿元)") comes with it, unless the same column was kept.
      const unit = before?.index === index ? before.unit : unitInLabel(batch.labels[index] ?? '');
      next[field] = unit ? { index, unit } : { index };
      return next;
    });
  };

  // Left empty, an amount column is read in the unit its header names, else the sheet's (issue 12).
  const headerUnit = (field: LedgerField) => {
    const column = mapping[field];
    return (column && unitInLabel(batch.labels[column.index] ?? '')) || batch.moneyUnit;
  };

  const chooseUnit = (field: LedgerField, unit: MoneyUnit | undefined) => {
    setMappingEdited(true);
    setMapping((current) => {
      const column = current[field];
      if (!column) return current;
      return { ...current, [field]: unit ? { index: column.index, unit } : { index: column.index } };
    });
  };

  const submit = () => {
    const options: TImportOptions = { sheet };
    if (unitId !== undefined) options.unitId = unitId;
    if (year !== null) options.year = year;
    // A mapping belongs to the sheet it was made for: another sheet is detected afresh (or by the template).
    if (mappable && (mappingEdited || saveTemplate)) options.mapping = mapping;
    if (saveTemplate) options.saveTemplate = true;
    reread.mutate(options, { onSuccess: () => void message.success(t('imports.rereadDone')) });
  };

  return (
    <Form layout="vertical" component="div" data-testid="import-settings">
      <Row gutter={16}>
        {batch.sheets.length > 1 ? (
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t('imports.sheet')} htmlFor="import-sheet">
              <Select<string>
                id="import-sheet"
                value={sheet}
                onChange={setSheet}
                options={[
                  { value: '', label: t('imports.allSheets') },
                  ...batch.sheets.map((one) => ({ value: one.name, label: t('imports.sheetOption', { name: one.name, rows: one.rows }) })),
                ]}
              />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={12} lg={8}>
          <Form.Item label={t('imports.unit')} tooltip={t('imports.unitHint')} htmlFor="import-settings-unit">
            <UnitTreeSelect id="import-settings-unit" value={unitId} onChange={setUnitId} initialLabel={batch.unitName} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item label={t('imports.year')} tooltip={t('imports.yearHint')} htmlFor="import-settings-year">
            <InputNumber<number>
              id="import-settings-year"
              min={1990}
              max={2100}
              precision={0}
              value={year}
              onChange={setYear}
              placeholder={batch.titleYear ? String(batch.titleYear) : t('imports.yearPlaceholder')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('imports.mapping')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{sameSheet && !mappable ? t('imports.mappingOneSheet') : t('imports.mappingHint')}</Typography.Paragraph>
      <Row gutter={[16, 0]}>
        {LEDGER_FIELDS.map((field) => {
          const column = mapping[field];
          const isAmount = AMOUNT_FIELDS.includes(field);
          return (
            <Col key={field} xs={24} sm={12} lg={8} xl={6}>
              <Form.Item label={fieldLabel(t, field)} htmlFor={`import-map-${field}`} style={{ marginBottom: 12 }}>
                <Flex gap={4}>
                  <Select<number>
                    id={`import-map-${field}`}
                    value={column?.index}
                    onChange={(index) => chooseColumn(field, index)}
                    allowClear
                    disabled={!mappable}
                    placeholder={t('imports.notMapped')}
                    options={columnOptions}
                    popupMatchSelectWidth={false}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  {isAmount ? (
                    <Select<MoneyUnit>
                      aria-label={t('imports.amountUnit', { field: fieldLabel(t, field) })}
                      value={column?.unit}
                      onChange={(unit) => chooseUnit(field, unit)}
                      allowClear
                      disabled={!column || !mappable}
                      placeholder={headerUnit(field)}
                      title={t('imports.amountUnitAuto', { unit: headerUnit(field) })}
                      options={MONEY_UNITS.map((unit) => ({ value: unit, label: unit }))}
                      popupMatchSelectWidth={false}
                      style={{ width: 84, flex: 'none' }}
                    />
                  ) : null}
                </Flex>
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      <ErrorAlert error={reread.error} onClose={reread.reset} />
      <Flex gap="middle" align="center" wrap>
        <Checkbox checked={saveTemplate} onChange={(event) => setSaveTemplate(event.target.checked)} disabled={!mappable}>
          {t('imports.saveTemplate')}
        </Checkbox>
        <Typography.Text type="secondary">{t('imports.saveTemplateHint')}</Typography.Text>
        <Flex flex={1} />
        <Button icon={<ReloadOutlined />} loading={reread.isPending} onClick={submit}>
          {t('imports.reread')}
        </Button>
      </Flex>
    </Form>
  );
}
