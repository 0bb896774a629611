import type { IsoDate } from './calendar.ts';
import { percentText } from './rates.ts';

/**
 * An event's cohort (issue 6): fairs and signing ceremonies are judged by what became of the projects signed there
 * — how many have since registered, started and produced, and how much money arrived against what was signed
 * (到位率, 开工率 per event, as of any day).
 */
export type CohortProject = {
  signedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  startedOn: IsoDate | null;
  producingOn: IsoDate | null;
  /** Contracted investment, else total investment, in whole 元. */
  signedYuan: number;
};

export type Cohort = {
  signed: number;
  signedYuan: number;
  registered: number;
  started: number;
  producing: number;
  fundsArrivedYuan: number;
  /** started ÷ signed, "50.00"; null when nothing was signed. */
  startRate: string | null;
  /** funds arrived ÷ signed amount, "12.34"; null when nothing was signed. */
  arrivalRate: string | null;
};

export function eventCohort(projects: CohortProject[], fundsArrived: { arrivedOn: IsoDate; amountYuan: number }[], asOf: IsoDate): Cohort {
  const by = (date: IsoDate | null) => !!date && date <= asOf;
  const signed = projects.filter((p) => by(p.signedOn));
  // Registration, start and production count once reached, whichever stage the project is at now.
  const registered = signed.filter((p) => by(p.registeredOn) || by(p.startedOn) || by(p.producingOn)).length;
  const started = signed.filter((p) => by(p.startedOn) || by(p.producingOn)).length;
  const producing = signed.filter((p) => by(p.producingOn)).length;
  const signedYuan = signed.reduce((sum, p) => sum + p.signedYuan, 0);
  const fundsArrivedYuan = fundsArrived.filter((f) => f.arrivedOn <= asOf).reduce((sum, f) => sum + f.amountYuan, 0);
  return {
    signed: signed.length,
    signedYuan,
    registered,
    started,
    producing,
    fundsArrivedYuan,
    startRate: percentText(started, signed.length),
    arrivalRate: percentText(fundsArrivedYuan, signedYuan),
  };
}
