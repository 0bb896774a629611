import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TImportAction,
  TImportBatch,
  TImportOptions,
  TImportProgress,
  ZImportBatchList,
  ZImportRowPage,
} from '../../shared/imports.ts';
import { api, apiRequest, apiUrl } from '../api/client.ts';

export type TImportBatchList = z.infer<typeof ZImportBatchList>;
export type TImportRowPage = z.infer<typeof ZImportRowPage>;
export type ImportRowsFilters = { action?: TImportAction; page: number; pageSize: number };

export const IMPORTS_QUERY_KEY = ['imports'] as const;
/** An import writes projects and enterprises: every list built from them refreshes after a commit or revert. */
const WRITTEN_KEYS = [['projects'], ['enterprises'], ['supervision'], ['notifications'], ['problems']] as const;

function batchKey(id: number | undefined) {
  return [...IMPORTS_QUERY_KEY, 'one', id] as const;
}

/** A batch changed (read again, committed, reverted): its own query, its rows, the history. */
async function refreshBatch(queryClient: QueryClient, batch: TImportBatch, written = false) {
  queryClient.setQueryData(batchKey(batch.id), batch);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...IMPORTS_QUERY_KEY, 'rows', batch.id] }),
    queryClient.invalidateQueries({ queryKey: [...IMPORTS_QUERY_KEY, 'list'] }),
    ...(written ? WRITTEN_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })) : []),
  ]);
}

/** The recent imports the caller sees, newest first. */
export function useImportBatches() {
  return useQuery({
    queryKey: [...IMPORTS_QUERY_KEY, 'list'],
    queryFn: ({ signal }) => api.get<TImportBatchList>('/imports', undefined, signal),
  });
}

export function useImportBatch(id: number | undefined) {
  return useQuery({
    queryKey: batchKey(id),
    queryFn: ({ signal }) => api.get<TImportBatch>(`/imports/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}

/** The preview's rows, a page at a time, optionally of one action (what would be created, refused…). */
export function useImportRows(id: number | undefined, filters: ImportRowsFilters) {
  return useQuery({
    queryKey: [...IMPORTS_QUERY_KEY, 'rows', id, filters],
    queryFn: ({ signal }) => api.get<TImportRowPage>(`/imports/${id}/rows`, filters, signal),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Where a commit stands, asked every 300 ms while it runs (for the progress bar). */
export function useImportProgress(id: number | undefined, running: boolean) {
  return useQuery({
    queryKey: [...IMPORTS_QUERY_KEY, 'progress', id],
    queryFn: ({ signal }) => api.get<TImportProgress>(`/imports/${id}/progress`, undefined, signal),
    enabled: id !== undefined && running,
    refetchInterval: running ? 300 : false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export type UploadLedgerRequest = { file: File; options: TImportOptions };

/** Multipart: the file under "file", each option as a text field beside it (the mapping as JSON). */
function ledgerForm({ file, options }: UploadLedgerRequest): FormData {
  const form = new FormData();
  if (options.unitId !== undefined) form.append('unitId', String(options.unitId));
  if (options.sheet !== undefined) form.append('sheet', options.sheet);
  if (options.year !== undefined && options.year !== null) form.append('year', String(options.year));
  if (options.mapping !== undefined) form.append('mapping', JSON.stringify(options.mapping));
  if (options.saveTemplate) form.append('saveTemplate', 'true');
  // The file last: the server reads the fields that come before it.
  form.append('file', file, file.name);
  return form;
}

/** Uploads a ledger: the answer is its preview (the dry run), nothing written yet. */
export function useUploadLedger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UploadLedgerRequest) => apiRequest<TImportBatch>('POST', '/imports', { body: ledgerForm(request) }),
    onSuccess: (batch) => refreshBatch(queryClient, batch),
  });
}

/** Reads the same file again with another sheet, unit, year or column mapping. */
export function useRereadImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: TImportOptions) => api.post<TImportBatch>(`/imports/${id}/reread`, options),
    onSuccess: (batch) => refreshBatch(queryClient, batch),
  });
}

/** Writes every row of the preview in one transaction, or none. */
export function useCommitImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TImportBatch>(`/imports/${id}/commit`),
    onSuccess: (batch) => refreshBatch(queryClient, batch, true),
  });
}

/** Undoes a committed import as a whole. */
export function useRevertImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<TImportBatch>(`/imports/${id}/revert`),
    onSuccess: (batch) => refreshBatch(queryClient, batch, true),
  });
}

/** The uploaded sheet with an error column added, for fixing the refused rows. */
/** The blank ledger in the import's own layout (issue 16). */
export function blankLedgerUrl(): string {
  return apiUrl('/imports/template.xlsx');
}

export function importErrorsUrl(id: number): string {
  return apiUrl(`/imports/${id}/errors.xlsx`);
}
