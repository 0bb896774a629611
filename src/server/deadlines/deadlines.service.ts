import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deadlineRules } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { ruleProblem, type DeadlineColour, type DeadlineRule } from '../../domain/deadlines.ts';
import type { ProjectStage } from '../../domain/stages.ts';
import type { TCreateDeadlineRuleRequest, TDeadlineRule, TUpdateDeadlineRuleRequest } from '../../shared/deadlines.ts';

type RuleRow = typeof deadlineRules.$inferSelect;

function toRule(row: RuleRow): TDeadlineRule {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    fromStage: row.fromStage as TDeadlineRule['fromStage'],
    toStage: row.toStage as TDeadlineRule['toStage'],
    amount: row.amount,
    unit: row.unit as 'months' | 'days',
    warnBeforeDays: row.warnBeforeDays,
    colours: {
      onTrack: row.colourOnTrack as DeadlineColour,
      dueSoon: row.colourDueSoon as DeadlineColour,
      overdue: row.colourOverdue as DeadlineColour,
    },
    active: row.active,
  };
}

export function toDomainRule(rule: TDeadlineRule): DeadlineRule {
  return {
    key: rule.key,
    fromStage: rule.fromStage as ProjectStage,
    toStage: rule.toStage as ProjectStage,
    amount: rule.amount,
    unit: rule.unit,
    warnBeforeDays: rule.warnBeforeDays,
    colours: rule.colours,
  };
}

/** The city's rules; everyone reads them, since everyone is measured by them. */
export async function listDeadlineRules(db: Db): Promise<TDeadlineRule[]> {
  const rows = await db.select().from(deadlineRules).orderBy(asc(deadlineRules.id));
  return rows.map(toRule);
}

export async function activeDeadlineRules(db: Db): Promise<DeadlineRule[]> {
  return (await listDeadlineRules(db)).filter((r) => r.active).map(toDomainRule);
}

export function ruleNames(rules: TDeadlineRule[]): Map<string, string> {
  return new Map(rules.map((r) => [r.key, r.name]));
}

function checkRule(rule: Omit<DeadlineRule, 'key' | 'colours'>): void {
  const problem = ruleProblem({ ...rule, colours: { onTrack: 'green', dueSoon: 'yellow', overdue: 'red' } });
  if (!problem) return;
  const field = problem === 'stagesOutOfOrder' ? 'toStage' : problem === 'amountNotPositive' ? 'amount' : 'warnBeforeDays';
  throw new AppError(`deadlineRule.${problem}`, { field });
}

/** Called after every change of the rules, inside the same transaction: projects' deadlines follow the rules. */
export type RecomputeDeadlines = (tx: Db, rules: DeadlineRule[]) => Promise<number>;

export async function createDeadlineRule(
  ctx: ServiceContext,
  input: TCreateDeadlineRuleRequest,
  recompute: RecomputeDeadlines,
): Promise<TDeadlineRule> {
  assertCanAdminister(ctx.caller);
  checkRule(input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(deadlineRules)
        .values({
          key: input.key,
          name: input.name,
          fromStage: input.fromStage,
          toStage: input.toStage,
          amount: input.amount,
          unit: input.unit,
          warnBeforeDays: input.warnBeforeDays,
          colourOnTrack: input.colours?.onTrack,
          colourDueSoon: input.colours?.dueSoon,
          colourOverdue: input.colours?.overdue,
          active: input.active ?? true,
          updatedAt: ctx.now,
        })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'deadlineRule', entityId: row!.id, unitId: null, action: 'create', after: row });
      await recompute(tx, await activeDeadlineRules(tx));
      return toRule(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'deadline_rules_key_key')) throw new AppError('deadlineRule.keyTaken', { field: 'key' });
    throw error;
  }
}

export async function updateDeadlineRule(
  ctx: ServiceContext,
  id: number,
  input: TUpdateDeadlineRuleRequest,
  recompute: RecomputeDeadlines,
): Promise<TDeadlineRule> {
  assertCanAdminister(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(deadlineRules).where(eq(deadlineRules.id, id));
    if (!before) throw notFound('deadlineRule');
    const merged = { ...toRule(before), ...input, colours: input.colours ?? toRule(before).colours };
    checkRule(merged);
    const [row] = await tx
      .update(deadlineRules)
      .set({
        name: merged.name,
        fromStage: merged.fromStage,
        toStage: merged.toStage,
        amount: merged.amount,
        unit: merged.unit,
        warnBeforeDays: merged.warnBeforeDays,
        colourOnTrack: merged.colours.onTrack,
        colourDueSoon: merged.colours.dueSoon,
        colourOverdue: merged.colours.overdue,
        active: merged.active,
        updatedAt: ctx.now,
      })
      .where(eq(deadlineRules.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'deadlineRule', entityId: id, unitId: null, action: 'update', before, after: row });
    await recompute(tx, await activeDeadlineRules(tx));
    return toRule(row!);
  });
}
