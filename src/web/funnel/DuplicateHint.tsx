import { Alert, Button, Flex, Tag } from 'antd';
import { Link } from 'react-router';
import type { TDuplicate } from '../../shared/leads.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { useDuplicates } from './funnel.queries.ts';

function linkOf(duplicate: TDuplicate): string | null {
  if (duplicate.id === null) return null;
  if (duplicate.kind === 'enterprise') return `/enterprises/${duplicate.id}`;
  if (duplicate.kind === 'project') return `/projects/${duplicate.id}`;
  return null;
}

/**
 * Likely duplicates anywhere in the city of a name being typed: enterprises by name (the city's public library);
 * another unit's lead or project only as "另一单位正在跟进" with that unit's name.
 */
export type DuplicateHintProps = {
  name: string | undefined;
  /** Offered on any enterprise of the library: take it instead of the name typed. */
  onUseEnterprise?: (id: number, name: string) => void;
};

export function DuplicateHint({ name, onUseEnterprise }: DuplicateHintProps) {
  const { t } = useI18n();
  const typed = useDebouncedValue((name ?? '').trim(), 400);
  const { data } = useDuplicates(typed);
  if (!data?.length || typed.length < 2) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-hint"
      title={t('duplicate.title', { count: data.length })}
      description={
        <Flex vertical gap={4}>
          {data.map((duplicate, index) => {
            const link = linkOf(duplicate);
            const label = duplicate.name ?? t('duplicate.otherUnit', { unit: duplicate.unitName });
            return (
              <Flex key={index} gap={4} wrap align="center">
                <Tag>{t(`duplicate.kind.${duplicate.kind}`)}</Tag>
                {link ? <Link to={link}>{label}</Link> : <span>{label}</span>}
                {duplicate.name ? <span>· {duplicate.unitName}</span> : null}
                <Tag color={duplicate.match === 'similar' ? 'gold' : 'red'}>{t(`duplicate.match.${duplicate.match}`)}</Tag>
                {onUseEnterprise && duplicate.kind === 'enterprise' && duplicate.id !== null && duplicate.name ? (
                  <Button size="small" type="link" onClick={() => onUseEnterprise(duplicate.id!, duplicate.name!)}>
                    {t('duplicate.use')}
                  </Button>
                ) : null}
              </Flex>
            );
          })}
        </Flex>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
