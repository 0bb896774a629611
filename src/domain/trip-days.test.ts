import { describe, expect, it } from 'vitest';
import { tripDays, tripLength } from './trip-days.ts';

describe('trip days', () => {
  it('counts both ends of a trip, across month ends and a leap day', () => {
    expect(tripLength('2024-03-01', '2024-03-03')).toBe(3);
    expect(tripLength('2024-02-28', '2024-03-01')).toBe(3);
    expect(tripLength('2023-02-28', '2023-03-01')).toBe(2);
    expect(tripLength('2024-05-05', '2024-05-05')).toBe(1);
  });

  it('counts a day once per leader however many of their trips cover it, and each leader separately', () => {
    const { total, byLeader } = tripDays([
      { leader: '张书记', from: '2024-03-01', to: '2024-03-03' }, // 深圳
      { leader: '张书记', from: '2024-03-03', to: '2024-03-05' }, // 上海, overlaps one day
      { leader: '张书记', from: '2024-03-04', to: '2024-03-04' }, // inside the second
      { leader: '李县长', from: '2024-03-03', to: '2024-03-04' }, // another leader: own days
    ]);
    expect(byLeader.get('张书记')).toBe(5);
    expect(byLeader.get('李县长')).toBe(2);
    expect(total).toBe(7);
  });

  it('counts only the days inside a period', () => {
    const trips = [{ leader: 1, from: '2023-12-30', to: '2024-01-02' }];
    expect(tripDays(trips, { from: '2024-01-01', to: '2024-12-31' }).total).toBe(2);
    expect(tripDays(trips, { from: '2024-02-01', to: '2024-02-29' }).total).toBe(0);
  });
});
