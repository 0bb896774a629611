import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TUnit } from '../../shared/units.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { buildUnitTree, isInSubtreeOf, type UnitNode } from './unit-tree.ts';
import { useUnits } from './units.queries.ts';

type TreeOption = { value: number; title: string; disabled?: boolean; children?: TreeOption[] };

function toOptions(nodes: UnitNode[], isDisabled: (unit: TUnit) => boolean): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    disabled: isDisabled(node),
    children: node.children ? toOptions(node.children, isDisabled) : undefined,
  }));
}

export type UnitTreeSelectProps = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Units that may not be chosen, e.g. a unit's own subtree when moving it. */
  isDisabled?: (unit: TUnit) => boolean;
  /** A unit and its subtree are left out entirely. */
  excludeSubtreeOf?: TUnit;
  style?: React.CSSProperties;
  'aria-label'?: string;
  /** The name of a chosen unit the caller does not see in their tree (a record's 首报单位 elsewhere in the city). */
  initialLabel?: string | null;
};

/** Picks one of the units the caller sees, from the tree. */
export function UnitTreeSelect({
  id,
  value,
  onChange,
  placeholder,
  allowClear = false,
  disabled,
  isDisabled,
  excludeSubtreeOf,
  style,
  'aria-label': ariaLabel,
  initialLabel,
}: UnitTreeSelectProps) {
  const { t } = useI18n();
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(() => {
    const visible = excludeSubtreeOf ? units.filter((unit) => !isInSubtreeOf(unit, excludeSubtreeOf)) : units;
    const options = toOptions(buildUnitTree(visible), isDisabled ?? (() => false));
    if (value != null && initialLabel && !units.some((unit) => unit.id === value)) options.push({ value, title: initialLabel });
    return options;
  }, [units, excludeSubtreeOf, isDisabled, value, initialLabel]);

  return (
    <TreeSelect<number>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      disabled={disabled}
      loading={isPending}
      placeholder={placeholder ?? t('unit.choose')}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
    />
  );
}
