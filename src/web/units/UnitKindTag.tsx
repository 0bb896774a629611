import { Tag } from 'antd';
import type { UnitKind } from '../../domain/units.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Preset tag colours (theme palette names), one per level of the tree. */
const KIND_COLORS: Record<UnitKind, string> = {
  city: 'red',
  county: 'blue',
  district: 'geekblue',
  zone: 'purple',
  park: 'cyan',
  town: 'green',
};

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useI18n();
  return <Tag color={KIND_COLORS[kind]}>{t(`unitKind.${kind}`)}</Tag>;
}
