import { DatePicker, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { IsoDate } from '../../domain/calendar.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { monthPeriod, PERIOD_MODES, quarterPeriod, ytdPeriod, type Period, type PeriodMode } from './period.ts';

export type PeriodPickerProps = { value: Period; today: IsoDate; onChange: (period: Period) => void };

/** 本年累计 / 月度 / 季度 / 自定义, and the picker that goes with the mode; nothing after today can be chosen. */
export function PeriodPicker({ value, today, onChange }: PeriodPickerProps) {
  const { t } = useI18n();
  const end = dayjs(today);
  const future = (day: Dayjs) => day.isAfter(end, 'day');

  const switchMode = (mode: PeriodMode) => {
    const year = value.year;
    const month = Number(value.to.slice(5, 7));
    if (mode === 'ytd') onChange(ytdPeriod(year, today));
    else if (mode === 'month') onChange(monthPeriod(year, month, today));
    else if (mode === 'quarter') onChange(quarterPeriod(year, Math.ceil(month / 3), today));
    else onChange({ ...value, mode: 'custom' });
  };

  return (
    <>
      <Segmented<PeriodMode>
        aria-label={t('period.mode')}
        value={value.mode}
        onChange={switchMode}
        options={PERIOD_MODES.map((mode) => ({ value: mode, label: t(`period.${mode}`) }))}
      />
      {value.mode === 'ytd' ? (
        <DatePicker
          picker="year"
          aria-label={t('period.year')}
          allowClear={false}
          value={dayjs(value.from)}
          disabledDate={future}
          onChange={(day) => day && onChange(ytdPeriod(day.year(), today))}
          style={{ width: 120 }}
        />
      ) : value.mode === 'month' ? (
        <DatePicker
          picker="month"
          aria-label={t('period.monthPicker')}
          allowClear={false}
          value={dayjs(value.from)}
          disabledDate={future}
          onChange={(day) => day && onChange(monthPeriod(day.year(), day.month() + 1, today))}
          style={{ width: 140 }}
        />
      ) : value.mode === 'quarter' ? (
        <DatePicker
          picker="quarter"
          aria-label={t('period.quarterPicker')}
          allowClear={false}
          value={dayjs(value.from)}
          format={(day) => `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`}
          disabledDate={future}
          onChange={(day) => day && onChange(quarterPeriod(day.year(), Math.floor(day.month() / 3) + 1, today))}
          style={{ width: 140 }}
        />
      ) : (
        <DatePicker.RangePicker
          aria-label={t('period.range')}
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          disabledDate={future}
          onChange={(days) => {
            const [from, to] = days ?? [];
            if (from && to) onChange({ mode: 'custom', from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD'), year: from.year() });
          }}
          style={{ width: 260 }}
        />
      )}
    </>
  );
}
