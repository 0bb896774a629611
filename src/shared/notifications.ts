import { z } from 'zod';

export const ZNotification = z.object({
  id: z.number().int(),
  /** A deadline reminder's project; null for a lead's follow-up reminder. */
  projectId: z.number().int().nullable(),
  /** A follow-up reminder's lead (ruleKey "leadFollowUp"); null for a deadline reminder. */
  leadId: z.number().int().nullable(),
  /** The project's name as the caller may see it, or the lead's enterprise. */
  projectName: z.string(),
  unitId: z.number().int(),
  ruleKey: z.string(),
  dueOn: z.string(),
  /**
   * A deadline's 'dueSoon' / 'overdue'; for a 甄别 notice (ruleKey "duplicateReview", issue 17) 'underReview' when the
   * unit's project enters review, else the bureau's decision.
   */
  level: z.enum(['dueSoon', 'overdue', 'underReview', 'notDuplicate', 'creditSplit', 'merged', 'mergeUndone']),
  /** Who decided a 甄别 notice's outcome and their unit ("招商局 王局长"); null otherwise. Nothing of the other project. */
  decidedByName: z.string().nullable(),
  decidedByUnitName: z.string().nullable(),
  /** True when addressed to the caller personally (as responsible officer), false when to their unit. */
  personal: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type TNotification = z.infer<typeof ZNotification>;
export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.number().int() });
/** How many reminders a "mark all read" marked. */
export const ZMarkedRead = z.object({ marked: z.number().int() });
export const ZNotificationQuery = z.object({
  unreadOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZWebhookKind = z.enum(['wecom', 'dingtalk']);
export const ZUnitWebhook = z.object({
  unitId: z.number().int(),
  kind: ZWebhookKind.nullable(),
  url: z.string().nullable(),
  enabled: z.boolean(),
});
export type TUnitWebhook = z.infer<typeof ZUnitWebhook>;
export const ZSetUnitWebhookRequest = z.object({
  kind: ZWebhookKind,
  url: z.string().trim().url().max(500).regex(/^https?:\/\//),
  enabled: z.boolean().default(true),
});
export type TSetUnitWebhookRequest = z.input<typeof ZSetUnitWebhookRequest>;
