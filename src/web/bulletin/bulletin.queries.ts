import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TBulletin } from '../../shared/bulletin.ts';
import { api, apiUrl } from '../api/client.ts';

export type BulletinParams = { year: number; month: number; unitId?: number; listSize: number };

/** The monthly bulletin as data: per metric the sentence, the per-unit table and the 红黑榜. */
export function useBulletin(params: BulletinParams) {
  return useQuery({
    queryKey: ['bulletin', params],
    queryFn: ({ signal }) => api.get<TBulletin>('/bulletin', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The same bulletin as a file to download: a spreadsheet or a PDF to send on. */
export function bulletinExportUrl(params: BulletinParams, format: 'xlsx' | 'pdf'): string {
  return apiUrl('/bulletin/export', { ...params, format });
}
