import type { ServiceContext } from '../context.ts';
import { unitPathInScope } from '../access/scope.ts';
import { listUnits } from '../units/units.service.ts';
import { leadUnitsOfEnterprise } from '../leads/leads.service.ts';
import { visitUnitsOfEnterprise } from '../activities/visits.service.ts';
import { projectsOfInvestors } from '../projects/projects.service.ts';
import { readAll } from '../db/client.ts';
import { describeEnterprises, enterpriseGroup, listEnterpriseContacts, loadEnterprise } from './enterprise-library.service.ts';
import { activeMergeOf } from './enterprise-merge.service.ts';
import type { TEnterpriseDetail } from '../../shared/enterprises.ts';

type InterestKind = TEnterpriseDetail['interest'][number]['kinds'][number];

/**
 * The enterprise page (issue 13): its public facts, tier history, group tree, the contacts the caller's units
 * collected, and which other units are following it — leads, visits or projects outside the caller's subtree, named
 * by their unit only ("另一单位正在跟进", as the duplicate hint does).
 */
export async function getEnterpriseDetail(ctx: ServiceContext, id: number): Promise<TEnterpriseDetail> {
  const row = await loadEnterprise(ctx.db, id);
  const [[enterprise], group, contacts, leadUnits, visitUnits, projectRows, units, mergedInto] = await readAll(ctx.db, [
    () => describeEnterprises(ctx.db, ctx.caller, [row]),
    () => enterpriseGroup(ctx.db, row),
    () => listEnterpriseContacts(ctx, id),
    () => leadUnitsOfEnterprise(ctx.db, id),
    () => visitUnitsOfEnterprise(ctx.db, id),
    () => projectsOfInvestors(ctx.db, [id]),
    // Unit names and paths of the whole city: another unit's interest is named by its unit, nothing more.
    () => listUnits({ ...ctx, caller: { ...ctx.caller, role: 'bureau' } }),
    () => (row.mergedIntoId === null ? Promise.resolve(null) : activeMergeOf(ctx.db, id)),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const kindsByUnit = new Map<number, Set<InterestKind>>();
  const note = (unitId: number, kind: InterestKind) => {
    const unit = unitById.get(unitId);
    if (!unit || unitPathInScope(ctx.caller, unit.path)) return;
    kindsByUnit.set(unitId, (kindsByUnit.get(unitId) ?? new Set()).add(kind));
  };
  for (const unitId of leadUnits) note(unitId, 'lead');
  for (const unitId of visitUnits) note(unitId, 'visit');
  for (const project of projectRows) note(project.unitId, 'project');
  return {
    enterprise: enterprise!,
    tierHistory: enterprise!.tiers,
    group,
    contacts,
    interest: [...kindsByUnit].map(([unitId, kinds]) => ({ unitName: unitById.get(unitId)!.name, kinds: [...kinds] })),
    mergedInto,
  };
}
