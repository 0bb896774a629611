import { z } from 'zod';

/** One thing that happened to a project, for its page's timeline; the web words it in the user's language. */
export const ZTimelineItem = z.object({
  kind: z.enum(['stage', 'funds', 'problem', 'problemNote', 'comment', 'edit', 'visit', 'lead']),
  /** When it happened (a stage's or funds' own date) or was recorded (ISO date or date-time). */
  at: z.string(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TTimelineItem = z.infer<typeof ZTimelineItem>;
export const ZTimeline = z.object({ items: z.array(ZTimelineItem) });

export const ZComment = z.object({ id: z.number().int(), text: z.string(), author: z.string().nullable(), createdAt: z.string() });
export const ZAddCommentRequest = z.object({ text: z.string().trim().min(1).max(2000) });

export const ZSavedFilter = z.object({ id: z.number().int(), name: z.string(), query: z.record(z.string(), z.string()) });
export type TSavedFilter = z.infer<typeof ZSavedFilter>;
export const ZSavedFilterList = z.object({ items: z.array(ZSavedFilter) });
export const ZSaveFilterRequest = z.object({
  name: z.string().trim().min(1).max(50),
  query: z.record(z.string().max(40), z.string().max(200)).refine((q) => Object.keys(q).length <= 20),
});
