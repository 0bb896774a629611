import { z } from 'zod';
import { ZBodyId, ZId, ZListQuery, ZPage, ZYuan } from './common.ts';
import { ZStageEvidence } from './project-stages.ts';

/** 核实 (issue 17): the bureau's verification settings, the reviewer's queue with its evidence checks, the decisions. */

export const ZVerifiableStage = z.enum(['signed', 'registered', 'started', 'producing', 'inStats']);
export const ZVerificationStatus = z.enum(['reported', 'confirmed', 'rejected', 'withdrawn']);
export type TVerificationStatus = z.infer<typeof ZVerificationStatus>;

export const ZVerificationSettings = z.object({
  rules: z
    .array(z.object({ stage: ZVerifiableStage, minYuan: ZYuan, reviewerDepartmentId: ZBodyId.nullable().default(null) }))
    .max(5),
  /** The bulletin, the assessment and the month close count confirmed stage changes only. */
  confirmedOnly: z.boolean(),
  cityCentre: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullable(),
  maxPhotoKm: z.number().int().min(1).max(5000),
  maxPhotoDaysBefore: z.number().int().min(0).max(3650),
});
export type TVerificationSettings = z.input<typeof ZVerificationSettings>;
export const ZVerificationSettingsState = z.object({ settings: ZVerificationSettings, isDefault: z.boolean(), updatedAt: z.string().nullable() });
export type TVerificationSettingsState = z.infer<typeof ZVerificationSettingsState>;

export const ZVerificationStep = z.object({
  status: ZVerificationStatus,
  at: z.string(),
  byName: z.string().nullable(),
  reason: z.string().nullable(),
});

export const ZStageVerification = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  stage: ZVerifiableStage,
  stageEventId: z.number().int(),
  happenedOn: z.string(),
  evidence: ZStageEvidence,
  totalInvestmentYuan: z.number().int(),
  status: ZVerificationStatus,
  reviewerDepartmentId: z.number().int().nullable(),
  reviewerDepartmentName: z.string().nullable(),
  reportedAt: z.string(),
  /** Whole days since it was (last) reported — for as long as it waits. */
  daysWaiting: z.number().int(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  reason: z.string().nullable(),
  steps: z.array(ZVerificationStep),
});
export type TStageVerification = z.infer<typeof ZStageVerification>;

const ZCheckLevel = z.enum(['ok', 'warn', 'missing']);
export const ZEvidenceChecks = z.object({
  photos: z.array(
    z.object({
      fileId: z.number().int(),
      fileName: z.string(),
      level: ZCheckLevel,
      takenOn: z.string().nullable(),
      daysBeforeClaim: z.number().int().nullable(),
      km: z.number().int().nullable(),
      flags: z.array(z.enum(['noDate', 'longBefore', 'noPlace', 'farFromCity'])),
    }),
  ),
  contract: z.object({ level: ZCheckLevel, contractNo: z.string().nullable(), otherProjects: z.number().int() }),
  creditCode: z.object({
    level: ZCheckLevel,
    code: z.string().nullable(),
    invalid: z.enum(['length', 'character', 'checkDigit']).nullable(),
    investorMatch: z.enum(['same', 'different', 'unknown']),
  }),
  limits: z.object({ maxPhotoKm: z.number().int(), maxPhotoDaysBefore: z.number().int(), cityCentreSet: z.boolean() }),
});
export type TEvidenceChecks = z.infer<typeof ZEvidenceChecks>;
export const ZStageVerificationDetail = ZStageVerification.extend({ checks: ZEvidenceChecks });
export type TStageVerificationDetail = z.infer<typeof ZStageVerificationDetail>;

export const ZVerificationListQuery = ZListQuery.extend({
  status: ZVerificationStatus.default('reported'),
  unitId: ZId.optional(),
  projectId: ZId.optional(),
});
export type TVerificationListQuery = z.input<typeof ZVerificationListQuery>;
export const ZVerificationPage = ZPage(ZStageVerification);
export type TVerificationPage = z.infer<typeof ZVerificationPage>;

export const ZDecideVerificationRequest = z.object({
  action: z.enum(['confirm', 'reject']),
  /** Required to reject: what the unit must correct. */
  reason: z.string().trim().max(500).nullish(),
});
export type TDecideVerificationRequest = z.input<typeof ZDecideVerificationRequest>;
export const ZResubmitVerificationRequest = z.object({ note: z.string().trim().max(500).nullish() });
export type TResubmitVerificationRequest = z.input<typeof ZResubmitVerificationRequest>;
