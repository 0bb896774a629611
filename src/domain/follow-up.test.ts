import { describe, expect, it } from 'vitest';
import { followUpStatus } from './follow-up.ts';

describe('a follow-up day’s light', () => {
  it('is overdue after the day, due soon within three days, on track before, and absent without a day', () => {
    expect(followUpStatus('2026-03-01', '2026-03-02')).toBe('overdue');
    expect(followUpStatus('2026-03-02', '2026-03-02')).toBe('dueSoon');
    expect(followUpStatus('2026-03-05', '2026-03-02')).toBe('dueSoon');
    expect(followUpStatus('2026-03-06', '2026-03-02')).toBe('onTrack');
    expect(followUpStatus(null, '2026-03-02')).toBeNull();
  });
});
