import { Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan, formatYi, isYiScale } from './money.ts';

export type WanAmountProps = {
  yuan: number;
  /** Append the unit (万元); tables that name the unit in the column title leave it off. */
  withUnit?: boolean;
};

/** An amount in 万元 with thousands separators; big figures also show 亿元 on hover. */
export function WanAmount({ yuan, withUnit = false }: WanAmountProps) {
  const { t } = useI18n();
  const text = withUnit ? t('money.wanValue', { value: formatWan(yuan) }) : formatWan(yuan);
  if (!isYiScale(yuan)) return <span className="zs-amount">{text}</span>;
  return (
    <Tooltip title={t('money.yiValue', { value: formatYi(yuan) })}>
      <span className="zs-amount">{text}</span>
    </Tooltip>
  );
}

export type YiAmountProps = { yuan: number; decimals?: number };

/** An amount in 亿元, two decimals as reports write them. */
export function YiAmount({ yuan, decimals = 2 }: YiAmountProps) {
  const { t } = useI18n();
  return <span className="zs-amount">{t('money.yiValue', { value: formatYi(yuan, decimals) })}</span>;
}

export type WanUsdAmountProps = { usd: number; withUnit?: boolean };

/** Foreign capital in 万美元 (whole US dollars in the data). */
export function WanUsdAmount({ usd, withUnit = false }: WanUsdAmountProps) {
  const { t } = useI18n();
  return <span className="zs-amount">{withUnit ? t('money.wanUsdValue', { value: formatWan(usd) }) : formatWan(usd)}</span>;
}
