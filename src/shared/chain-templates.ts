import { z } from 'zod';

/**
 * The shape of an industrial-chain template shipped in `data/chains/<key>.json` (issue 14): a starting point the
 * bureau copies into the city's chains and then edits. A chain has links (环节) in three segments; a link may have
 * sub-links. Codes are GB/T 4754-2017 (a section letter or 2–4 digits); keywords are what a business scope or a
 * product line says when an enterprise works on the link.
 */
export const CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
export type TChainSegment = (typeof CHAIN_SEGMENTS)[number];
export const ZChainSegment = z.enum(CHAIN_SEGMENTS);

export const ZIndustryCode = z.string().regex(/^([A-T]|\d{2,4})$/);

export interface TChainTemplateLink {
  /** Stable within its template, lowercase ASCII words joined by '-' (e.g. "cathode-materials"). */
  key: string;
  name: string;
  nameEn: string;
  industryCodes: string[];
  keywords: string[];
  products: string[];
  children: TChainTemplateLink[];
}

export const ZChainTemplateLink: z.ZodType<TChainTemplateLink> = z.lazy(() =>
  z.object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
    industryCodes: z.array(ZIndustryCode).max(20),
    keywords: z.array(z.string().trim().min(1).max(20)).max(40),
    products: z.array(z.string().trim().min(1).max(40)).max(40),
    children: z.array(ZChainTemplateLink).max(30),
  }),
);

export const ZChainTemplate = z.object({
  /** The file's name without `.json`. */
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  /** Says it is a starting point the bureau edits, and where its links come from. */
  note: z.string().trim().min(1).max(500),
  segments: z.object({
    upstream: z.array(ZChainTemplateLink).min(1),
    midstream: z.array(ZChainTemplateLink).min(1),
    downstream: z.array(ZChainTemplateLink).min(1),
  }),
});
export type TChainTemplate = z.infer<typeof ZChainTemplate>;
