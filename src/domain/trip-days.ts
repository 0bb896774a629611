import { addDays, type IsoDate } from './calendar.ts';

/**
 * Days away on outbound trips (外出招商, issue 6): "县区党政主要负责人外出招商750天". A day counts once per leader,
 * however many of that leader's trips cover it (a trip to Shenzhen and one to Shanghai that overlap by a day are
 * not two days); both ends of a trip count. Counted within a period when one is given.
 */
export type TripSpan = { leader: string | number; from: IsoDate; to: IsoDate };

export function tripDays(trips: TripSpan[], period?: { from: IsoDate; to: IsoDate }): { total: number; byLeader: Map<string, number> } {
  const days = new Map<string, Set<IsoDate>>();
  for (const trip of trips) {
    const from = period && trip.from < period.from ? period.from : trip.from;
    const to = period && trip.to > period.to ? period.to : trip.to;
    if (to < from) continue;
    const key = String(trip.leader);
    const set = days.get(key) ?? new Set<IsoDate>();
    for (let day = from; day <= to; day = addDays(day, 1)) set.add(day);
    days.set(key, set);
  }
  const byLeader = new Map([...days].map(([leader, set]) => [leader, set.size]));
  return { total: [...byLeader.values()].reduce((sum, n) => sum + n, 0), byLeader };
}

/** A trip's own length in days, both ends counted: 3 days for 3月1日–3月3日. */
export function tripLength(from: IsoDate, to: IsoDate): number {
  return tripDays([{ leader: 0, from, to }]).total;
}
