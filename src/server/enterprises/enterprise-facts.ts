import type { enterprises } from '../db/schema.ts';

type EnterpriseRow = typeof enterprises.$inferSelect;

/**
 * The library's facts (issue 13) as a new enterprise has them before anyone fills them in: for code that writes every
 * column of a row itself (the ledger import's investors), so that the row as inserted is also the audit's record.
 */
export const BLANK_LIBRARY_FACTS = {
  englishName: null,
  hqCity: null,
  industryCodes: [],
  registeredCapitalYuan: null,
  foundedOn: null,
  businessScope: null,
  listingExchange: null,
  listingTicker: null,
  sizeBand: null,
  website: null,
  parentEnterpriseId: null,
  localUnitId: null,
  mergedIntoId: null,
} satisfies Partial<EnterpriseRow>;
