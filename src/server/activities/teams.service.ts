import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { leads, residentTeams, visits } from '../db/schema.ts';
import { readAll } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { findRegion, regionName } from '../regions/regions.service.ts';
import { ZTeamInput, type TTeam } from '../../shared/activities.ts';
import type { z } from 'zod';

/** Resident teams (驻点招商 / 驻外小分队, issue 6): a unit's people in a host city; their leads and visits roll up to them. */
export async function requireTeamInScope(ctx: ServiceContext, id: number, field: string) {
  const [row] = await ctx.db.select({ id: residentTeams.id }).from(residentTeams).where(and(eq(residentTeams.id, id), inCallerScope(ctx.caller, residentTeams.unitId)));
  if (!row) throw new AppError('validation.invalid', { field, params: { detail: String(id) } });
  return row;
}

export async function listTeams(ctx: ServiceContext): Promise<TTeam[]> {
  const rows = await ctx.db.select().from(residentTeams).where(inCallerScope(ctx.caller, residentTeams.unitId)).orderBy(asc(residentTeams.id));
  const ids = rows.map((r) => r.id);
  const tally = async (table: typeof leads | typeof visits) =>
    ids.length === 0
      ? new Map<number, number>()
      : new Map(
          (await ctx.db.select({ teamId: table.teamId, n: count() }).from(table).where(inArray(table.teamId, ids)).groupBy(table.teamId)).map((r) => [r.teamId!, Number(r.n)]),
        );
  const [names, leadCounts, visitCounts] = await readAll(ctx.db, [() => unitNames(ctx.db, rows.map((r) => r.unitId)), () => tally(leads), () => tally(visits)]);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId) ?? '',
    name: r.name,
    hostRegionCode: r.hostRegionCode,
    hostRegionName: regionName(r.hostRegionCode) ?? r.hostRegionCode,
    members: r.members as string[],
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    leads: leadCounts.get(r.id) ?? 0,
    visits: visitCounts.get(r.id) ?? 0,
  }));
}

export async function createTeam(ctx: ServiceContext, input: z.input<typeof ZTeamInput>): Promise<TTeam> {
  assertCanWrite(ctx.caller);
  const team = ZTeamInput.parse(input);
  const unit = await requireUnitInScope(ctx, team.unitId ?? ctx.caller.unitId, 'unitId');
  if (!findRegion(team.hostRegionCode)) throw new AppError('region.unknown', { field: 'hostRegionCode' });
  if (team.endedOn && team.endedOn < team.startedOn) throw new AppError('date.beforeStart', { field: 'endedOn' });
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(residentTeams)
      .values({ unitId: unit.id, name: team.name, hostRegionCode: team.hostRegionCode, members: team.members, startedOn: team.startedOn, endedOn: team.endedOn ?? null, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'residentTeam', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    return row!.id;
  });
  return (await listTeams(ctx)).find((t) => t.id === id)!;
}
