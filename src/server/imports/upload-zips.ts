import { guardZip, ZipRefused, type ZipLimits } from './zip-guard.ts';
import { LedgerFileError } from './ledger-reader.ts';

/**
 * The caps for an uploaded workbook (ledgers, the targets grid): what its parts may inflate to, counted as they
 * inflate (issue 18). A real ledger of 10,000 rows inflates to about 10 MB.
 */
export const UPLOAD_ZIP_LIMITS: ZipLimits = {
  totalBytes: 200 * 1024 * 1024,
  entryBytes: 150 * 1024 * 1024,
  ratio: 1_000,
  ratioFloorBytes: 1024 * 1024,
  entries: 2_000,
};

/** Inflates every part of an uploaded workbook against the caps; a bomb is refused as `ledger.zipBomb`. */
export async function refuseInflating(file: Buffer, limits: ZipLimits = UPLOAD_ZIP_LIMITS): Promise<void> {
  try {
    await guardZip(file, limits);
  } catch (error) {
    if (error instanceof ZipRefused) throw new LedgerFileError(error.reason === 'notAZip' ? 'ledger.notASpreadsheet' : 'ledger.zipBomb', error.entry ? { entry: error.entry } : {});
    throw error;
  }
}
