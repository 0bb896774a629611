import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TImportBatch } from '../../shared/imports.ts';
import { canAdminister } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRereadImport } from '../imports/imports.queries.ts';
import { LocalIndustryDialog } from './LocalIndustriesAdminPage.tsx';

/**
 * A ledger's industry words that are not on the city's list (issue 12), once each with their row count — not a
 * warning on every row. The bureau can add a word to the list from here; the preview is then checked again.
 */
export function UnknownIndustriesAlert({ batch }: { batch: TImportBatch }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const reread = useRereadImport(batch.id);
  const [adding, setAdding] = useState<string | null>(null);
  const words = batch.unknownIndustries ?? [];
  if (words.length === 0) return null;
  const bureau = canAdminister(me.role);
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={t('localIndustry.unknownTitle')}
        data-testid="import-unknown-industries"
        style={{ marginBottom: 16 }}
        description={
          <Flex gap="small" wrap align="center">
            {words.map(({ word, rows }) => (
              <Flex key={word} gap={4} align="center">
                <Typography.Text>{t('localIndustry.unknownRows', { word, rows })}</Typography.Text>
                {bureau && batch.status === 'previewed' ? (
                  <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAdding(word)}>
                    {t('localIndustry.addToList')}
                  </Button>
                ) : null}
              </Flex>
            ))}
          </Flex>
        }
      />
      {adding !== null ? (
        <LocalIndustryDialog industry={null} initialName={adding} onClose={() => setAdding(null)} onSaved={() => reread.mutate({})} />
      ) : null}
    </>
  );
}
