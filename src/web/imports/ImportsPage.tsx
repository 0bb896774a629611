import { useI18n } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { ImportBatchView } from './ImportBatchView.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { LedgerUpload } from './LedgerUpload.tsx';

/**
 * 台账导入: upload a ledger → its preview (counts, refusals, the column mapping, row by row) → 确认导入 → what it
 * did, with 撤销本次导入; the recent imports below. The batch shown is in the address (?batch=12), so a reload or
 * the back button keeps it.
 */
export function ImportsPage() {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const batchId = filters.number('batch');
  const open = (id: number | null) => filters.update({ batch: id, action: null, pageSize: null });

  return (
    <>
      <PageHeader title={t('nav.imports')} />
      {batchId !== undefined ? (
        <ImportBatchView key={batchId} id={batchId} onUploadAnother={() => open(null)} />
      ) : (
        <LedgerUpload onUploaded={(batch) => open(batch.id)} />
      )}
      <ImportHistory currentId={batchId} onOpen={open} />
    </>
  );
}
