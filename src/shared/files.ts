import { z } from 'zod';

export const ZEvidenceFile = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  stageEventId: z.number().int().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type TEvidenceFile = z.infer<typeof ZEvidenceFile>;
export const ZEvidenceFileList = z.object({ items: z.array(ZEvidenceFile) });
