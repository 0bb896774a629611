import { describe, expect, it } from 'vitest';
import { canAdminister, canWriteRecords, ROLES, seesUnitRecords } from './roles.ts';
import { PROJECT_STAGES, PROJECT_STATES, STATE_NAMES, stageIndex } from './stages.ts';

/** Who may do what (domain.md §1) and the lifecycle's order (§2); written for mutation testing's survivors (issue 20). */
describe('roles (domain.md §1)', () => {
  it('lets the bureau and staff write records, the bureau alone administer, and everyone but departments see unit records', () => {
    expect(ROLES).toEqual(['bureau', 'staff', 'leader', 'department']);
    expect(ROLES.filter(canWriteRecords)).toEqual(['bureau', 'staff']);
    expect(ROLES.filter(canAdminister)).toEqual(['bureau']);
    expect(ROLES.filter(seesUnitRecords)).toEqual(['bureau', 'staff', 'leader']);
  });
});

describe('project stages (domain.md §2)', () => {
  it('orders the stages as projects move through them, the side states outside the order', () => {
    expect(PROJECT_STATES).toEqual(['lead', 'signed', 'registered', 'started', 'producing', 'inStats', 'stalled', 'terminated']);
    expect(PROJECT_STAGES.map(stageIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stageIndex('stalled')).toBe(-1);
    expect(stageIndex('terminated')).toBe(-1);
  });

  it('names every state in Chinese as bureaus write it, and in English', () => {
    expect(PROJECT_STATES.map((s) => STATE_NAMES[s].zh)).toEqual(['在谈', '签约', '注册', '开工', '投产', '入库', '停滞', '终止']);
    expect(PROJECT_STATES.map((s) => STATE_NAMES[s].en)).toEqual(['Negotiating', 'Signed', 'Registered', 'Started', 'In production', 'In statistics', 'Stalled', 'Terminated']);
  });
});
