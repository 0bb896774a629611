import { daysBetween, isIsoDate, type IsoDate } from './calendar.ts';
import { creditCodeProblem, normalizeCreditCode } from './credit-code.ts';

/**
 * What a reviewer sees beside a reported stage change (issue 17): each check is 'ok', 'warn' (worth a look) or
 * 'missing' (nothing to check), with its figures as data so the screen words it in either language. The checks
 * help a person decide; none of them decides.
 */
export type CheckLevel = 'ok' | 'warn' | 'missing';

/** What a photo's EXIF says: the camera's local date (EXIF keeps no time zone) and where it was, if it knew. */
export type PhotoFacts = { fileId: number; takenOn: IsoDate | null; lat: number | null; lon: number | null };

export type PhotoCheck = {
  fileId: number;
  level: CheckLevel;
  takenOn: IsoDate | null;
  /** Days the photo was taken before the claimed date (negative: after it). */
  daysBeforeClaim: number | null;
  /** Distance from the city's centre, whole km. */
  km: number | null;
  flags: ('noDate' | 'longBefore' | 'noPlace' | 'farFromCity')[];
};

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A site photo against the claimed date and the city: taken more than `maxDaysBefore` days before the claim, or
 * more than `maxKm` from the centre, it is flagged. A photo without a date or place is flagged as unverifiable,
 * not as false: phones strip EXIF when sharing.
 */
export function checkPhoto(
  photo: PhotoFacts,
  claimedOn: IsoDate,
  limits: { cityCentre: { lat: number; lon: number } | null; maxKm: number; maxDaysBefore: number },
): PhotoCheck {
  const flags: PhotoCheck['flags'] = [];
  const daysBeforeClaim = photo.takenOn && isIsoDate(photo.takenOn) ? daysBetween(photo.takenOn, claimedOn) : null;
  if (daysBeforeClaim === null) flags.push('noDate');
  else if (daysBeforeClaim > limits.maxDaysBefore) flags.push('longBefore');
  const placed = photo.lat !== null && photo.lon !== null && Number.isFinite(photo.lat) && Number.isFinite(photo.lon);
  const km = placed && limits.cityCentre ? Math.round(distanceKm(limits.cityCentre, { lat: photo.lat!, lon: photo.lon! })) : null;
  if (!placed) flags.push('noPlace');
  else if (km !== null && km > limits.maxKm) flags.push('farFromCity');
  const level: CheckLevel = flags.includes('longBefore') || flags.includes('farFromCity') ? 'warn' : flags.length === 2 ? 'missing' : 'ok';
  return { fileId: photo.fileId, level, takenOn: photo.takenOn, daysBeforeClaim, km, flags };
}

/**
 * EXIF's "YYYY:MM:DD HH:MM:SS" (DateTimeOriginal) as the calendar day it names, or null when absent or malformed.
 */
export function exifDate(raw: unknown): IsoDate | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(raw.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(date) ? date : null;
}

/**
 * A contract number as compared city-wide: case, blanks and the usual dashes do not make two numbers differ. The
 * server's SQL applies the same rule to stored numbers (verification.service.ts), so keep the two in step.
 */
export function normalizeContractNo(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-—–_－]/g, '');
}

export type ContractCheck = { level: CheckLevel; contractNo: string | null; otherProjects: number };

/** A contract number another project also claims is flagged: one contract, one project (三明's count once). */
export function checkContract(contractNo: string | null | undefined, otherProjects: number): ContractCheck {
  if (!contractNo || !contractNo.trim()) return { level: 'missing', contractNo: null, otherProjects: 0 };
  return { level: otherProjects > 0 ? 'warn' : 'ok', contractNo: contractNo.trim(), otherProjects };
}

export type CreditCodeCheck = {
  level: CheckLevel;
  code: string | null;
  /** The check character (or length, alphabet) is wrong. */
  invalid: 'length' | 'character' | 'checkDigit' | null;
  /** Against the project's investor: same code, a different one (a local subsidiary, or the wrong firm), or no investor code to compare. */
  investorMatch: 'same' | 'different' | 'unknown';
};

/**
 * The registered enterprise's credit code: its check character (GB 32100-2015) and whether it is the investor's.
 * A different code is only a warning — a project company is often a new local subsidiary of the investor.
 */
export function checkCreditCode(code: string | null | undefined, investorCode: string | null | undefined): CreditCodeCheck {
  if (!code || !code.trim()) return { level: 'missing', code: null, invalid: null, investorMatch: 'unknown' };
  const normal = normalizeCreditCode(code);
  const invalid = creditCodeProblem(normal);
  const investorMatch = !investorCode ? 'unknown' : normalizeCreditCode(investorCode) === normal ? 'same' : 'different';
  return { level: invalid || investorMatch === 'different' ? 'warn' : 'ok', code: normal, invalid, investorMatch };
}
