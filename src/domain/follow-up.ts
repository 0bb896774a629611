import { daysBetween, type IsoDate } from './calendar.ts';

/** Days before a follow-up day that it is "due soon" — the reminder job warns leads as many days ahead (issue 6). */
export const FOLLOW_UP_WARN_DAYS = 3;

/**
 * A follow-up day's light (issue 16: every card keeps its deadline light): overdue once the day has passed, due soon
 * within the warning days, on track before; none without a day.
 */
export function followUpStatus(followUpOn: IsoDate | null, today: IsoDate, warnDays = FOLLOW_UP_WARN_DAYS): 'onTrack' | 'dueSoon' | 'overdue' | null {
  if (!followUpOn) return null;
  const daysLeft = daysBetween(today, followUpOn);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= warnDays ? 'dueSoon' : 'onTrack';
}
