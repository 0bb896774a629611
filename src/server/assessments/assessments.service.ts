import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { assessmentAdjustments, assessmentSchemes, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanAdminister, unitPathInScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { listUnits, requireUnitInScope } from '../units/units.service.ts';
import { userNames } from '../users/users.service.ts';
import { metricGroups, metricScope, metricsByKeys } from '../metrics/metrics.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { activeDeadlineRules } from '../deadlines/deadlines.service.ts';
import { fortune500SignedBySubUnit, lateStartsBySubUnit } from '../projects/metrics.queries.ts';
import { periodText, wanUsdTwoDecimals, yiTwoDecimals } from '../../domain/bulletin.ts';
import { daysInMonth } from '../../domain/calendar.ts';
import { isSummable, metric, type MetricDefinition } from '../../domain/metrics.ts';
import { scoreUnits, type Adjustment, type UnitFigures } from '../../domain/scoring.ts';
import { ZIndicator, ZScoringRule, type TAdjustment, type TAdjustmentInput, type TScheme, type TSchemeInput, type TScores, type TScoresQuery } from '../../shared/assessments.ts';

/**
 * Assessment (考核, issue 5): the assessing unit's sub-units scored by a scheme on figures from 1 January to the
 * period's end; the rules' counts come from the records, hand adjustments from the bureau. The computation is in
 * src/domain/scoring.ts; every unit sees its own lines, so it can see why it ranked where it did.
 */
type SchemeRow = typeof assessmentSchemes.$inferSelect;

const RULE_LABELS = {
  lateStart: { zh: '未按期开工项目', en: 'Projects not started by their deadline' },
  fortune500: { zh: '世界500强投资项目', en: 'Projects of Fortune Global 500 investors' },
} as const;

async function schemeRows(ctx: ServiceContext, id?: number) {
  const rows = await ctx.db
    .select({ scheme: assessmentSchemes, unitName: units.name, unitPath: units.path })
    .from(assessmentSchemes)
    .innerJoin(units, eq(units.id, assessmentSchemes.unitId))
    .where(id === undefined ? undefined : eq(assessmentSchemes.id, id))
    .orderBy(asc(assessmentSchemes.id));
  // A scheme is seen by the units it scores (its unit's subtree) and by those above it.
  return rows.filter((r) => unitPathInScope(ctx.caller, r.unitPath) || (ctx.caller.role !== 'department' && ctx.caller.unitPath.startsWith(r.unitPath)));
}

function toScheme(row: SchemeRow, unitName: string): TScheme {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName,
    name: row.name,
    indicators: ZIndicator.array().parse(row.indicators),
    rules: ZScoringRule.array().parse(row.rules),
    bottomCount: row.bottomCount,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listSchemes(ctx: ServiceContext): Promise<TScheme[]> {
  return (await schemeRows(ctx)).map((r) => toScheme(r.scheme, r.unitName));
}

async function requireScheme(ctx: ServiceContext, id: number) {
  const [row] = await schemeRows(ctx, id);
  if (!row) throw notFound('assessmentScheme');
  return row;
}

function checkIndicators(input: TSchemeInput) {
  input.indicators.forEach((indicator, i) => {
    const known = metricsByKeys(indicator.metricKey, `indicators.${i}.metricKey`)[0]!;
    // Points come from whole counts and amounts; a rate is assessed through the counts it is made of.
    if (!isSummable(known)) throw new AppError('validation.invalid', { field: `indicators.${i}.metricKey`, params: { detail: indicator.metricKey } });
  });
}

/** The bureau creates (id null) or changes a scheme; audited. */
export async function saveScheme(ctx: ServiceContext, id: number | null, input: TSchemeInput & { rules: TScheme['rules']; bottomCount: number }): Promise<TScheme> {
  assertCanAdminister(ctx.caller);
  checkIndicators(input);
  const unit = await requireUnitInScope(ctx, input.unitId ?? ctx.caller.unitId, 'unitId');
  const values = { unitId: unit.id, name: input.name, indicators: input.indicators, rules: input.rules, bottomCount: input.bottomCount, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
  const before = id === null ? null : (await requireScheme(ctx, id)).scheme;
  const row = await ctx.db.transaction(async (tx) => {
    const [saved] = before
      ? await tx.update(assessmentSchemes).set(values).where(eq(assessmentSchemes.id, before.id)).returning()
      : await tx.insert(assessmentSchemes).values(values).returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'assessmentScheme', entityId: saved!.id, unitId: unit.id, action: before ? 'update' : 'create', before, after: saved });
    return saved!;
  });
  return toScheme(row, unit.name);
}

export async function addAdjustment(ctx: ServiceContext, schemeId: number, input: TAdjustmentInput) {
  assertCanAdminister(ctx.caller);
  const { scheme } = await requireScheme(ctx, schemeId);
  const unit = await requireUnitInScope(ctx, input.unitId, 'unitId');
  if (unit.parentId !== scheme.unitId) throw new AppError('validation.invalid', { field: 'unitId', params: { detail: '不是本方案考核的单位' } });
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessmentAdjustments)
      .values({
        schemeId,
        unitId: unit.id,
        year: input.year,
        month: input.month,
        label: input.label,
        pointsEachHundredths: Math.round(input.pointsEach * 100),
        count: input.count,
        reason: input.reason,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'assessmentAdjustment', entityId: row!.id, unitId: unit.id, action: 'create', after: row, reason: input.reason });
  });
}

/** A value as the explanation writes it: amounts in 亿元 (two decimals), foreign capital in 万美元, counts as they are. */
function valueText(definition: MetricDefinition): (value: number) => string {
  if (definition.unit === 'yuan') return (value) => `${yiTwoDecimals(value)}亿元`;
  if (definition.unit === 'usd') return (value) => `${wanUsdTwoDecimals(value)}万美元`;
  return (value) => `${value}${definition.measure ?? '个'}`;
}

function valueTextEn(definition: MetricDefinition): (value: number) => string {
  if (definition.unit === 'yuan') return (value) => `${yiTwoDecimals(value)} × 100M yuan`;
  if (definition.unit === 'usd') return (value) => `${wanUsdTwoDecimals(value)} × 10k USD`;
  return (value) => String(value);
}

function periodOf(query: TScoresQuery) {
  const lastMonth = query.month ?? query.quarter! * 3;
  const to = `${query.year}-${String(lastMonth).padStart(2, '0')}-${String(daysInMonth(query.year, lastMonth)).padStart(2, '0')}`;
  return { from: `${query.year}-01-01`, to, lastMonth };
}

export async function schemeScores(ctx: ServiceContext, id: number, query: TScoresQuery): Promise<TScores> {
  const { scheme, unitPath } = await requireScheme(ctx, id);
  const indicators = ZIndicator.array().parse(scheme.indicators);
  const rules = ZScoringRule.array().parse(scheme.rules);
  const period = periodOf(query);
  // The ranking is computed over every scored unit as the assessing unit sees them; a county is then shown its
  // own row only (with its rank), never another county's figures.
  const assessing: ServiceContext = { ...ctx, caller: { ...ctx.caller, role: 'leader', unitId: scheme.unitId, unitPath } };
  const scope = await metricScope(assessing, scheme.unitId, { from: period.from, to: period.to });
  const definitions = indicators.map((i) => metric(i.metricKey));
  const scored = (await listUnits(assessing)).filter((u) => u.parentId === scheme.unitId);
  const startRule = (await activeDeadlineRules(ctx.db)).find((r) => r.fromStage === 'signed' && r.toStage === 'started');
  const [values, targets, lateStarts, fortune500, adjustments] = await Promise.all([
    metricGroups(assessing, definitions, scope, 'unit'),
    targetsOfUnits(assessing, query.year, scored.map((u) => u.id)),
    rules.some((r) => r.kind === 'lateStart') && startRule ? lateStartsBySubUnit(assessing, scope, startRule) : new Map<string, number>(),
    rules.some((r) => r.kind === 'fortune500') ? fortune500SignedBySubUnit(assessing, scope) : new Map<string, number>(),
    ctx.db
      .select()
      .from(assessmentAdjustments)
      .where(
        and(
          eq(assessmentAdjustments.schemeId, id),
          eq(assessmentAdjustments.year, query.year),
          lte(assessmentAdjustments.month, period.lastMonth),
          isNull(assessmentAdjustments.withdrawnAt),
        ),
      )
      .orderBy(asc(assessmentAdjustments.id)),
  ]);
  const figures: UnitFigures[] = scored.map((u) => {
    const counted = { lateStart: lateStarts, fortune500 };
    const automatic: Adjustment[] = rules.map((r) => ({ label: RULE_LABELS[r.kind].zh, labelEn: RULE_LABELS[r.kind].en, pointsEach: r.pointsEach, count: counted[r.kind].get(String(u.id)) ?? 0 }));
    const byHand: Adjustment[] = adjustments
      .filter((a) => a.unitId === u.id)
      .map((a) => ({ label: `${a.label}（${a.month}月，${a.reason}）`, labelEn: `${a.label} (month ${a.month}: ${a.reason})`, pointsEach: a.pointsEachHundredths / 100, count: a.count }));
    return {
      unitId: u.id,
      unitName: u.name,
      values: Object.fromEntries(indicators.map((i, k) => [i.metricKey, values.get(String(u.id))?.[k] ?? 0])),
      targets: Object.fromEntries(targets.get(u.id) ?? []),
      adjustments: [...automatic, ...byHand],
    };
  });
  const scores = scoreUnits(
    indicators.map((i) => ({
      key: i.metricKey,
      name: metric(i.metricKey).name.zh,
      nameEn: metric(i.metricKey).name.en,
      weight: i.weight,
      method: i.method,
      format: valueText(metric(i.metricKey)),
      formatEn: valueTextEn(metric(i.metricKey)),
    })),
    figures,
    scheme.bottomCount,
  );
  const seesAll = unitPathInScope(ctx.caller, unitPath);
  return {
    schemeId: id,
    name: scheme.name,
    from: period.from,
    to: period.to,
    period: periodText({ fromMonth: 1, toMonth: period.lastMonth }).replace(/份$/, ''),
    scored: scores.length,
    bottomCount: scheme.bottomCount,
    units: seesAll ? scores : scores.filter((s) => scored.some((u) => u.id === s.unitId && unitPathInScope(ctx.caller, u.path))),
  };
}

/**
 * The hand adjustments of a scheme's year, as the caller may see them: the bureau all of them, a county those of
 * its own units — each with who recorded it and whether it was withdrawn.
 */
export async function listAdjustments(ctx: ServiceContext, schemeId: number, year: number): Promise<TAdjustment[]> {
  await requireScheme(ctx, schemeId);
  const rows = await ctx.db
    .select({ adjustment: assessmentAdjustments, unitName: units.name, unitPath: units.path })
    .from(assessmentAdjustments)
    .innerJoin(units, eq(units.id, assessmentAdjustments.unitId))
    .where(and(eq(assessmentAdjustments.schemeId, schemeId), eq(assessmentAdjustments.year, year)))
    .orderBy(asc(assessmentAdjustments.month), asc(assessmentAdjustments.id));
  const visible = rows.filter((r) => unitPathInScope(ctx.caller, r.unitPath));
  const names = await userNames(ctx.db, visible.flatMap((r) => (r.adjustment.recordedBy ? [r.adjustment.recordedBy] : [])));
  return visible.map(({ adjustment: a, unitName }) => ({
    id: a.id,
    unitId: a.unitId,
    unitName,
    year: a.year,
    month: a.month,
    label: a.label,
    pointsEach: a.pointsEachHundredths / 100,
    count: a.count,
    reason: a.reason,
    recordedBy: a.recordedBy ? (names.get(a.recordedBy) ?? null) : null,
    recordedAt: a.recordedAt.toISOString(),
    withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    withdrawnReason: a.withdrawnReason,
  }));
}

/** A mistaken hand adjustment is withdrawn with a reason (audited); it stops counting and stays listed. */
export async function withdrawAdjustment(ctx: ServiceContext, schemeId: number, adjustmentId: number, reason: string): Promise<void> {
  assertCanAdminister(ctx.caller);
  await requireScheme(ctx, schemeId);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(assessmentAdjustments)
      .where(and(eq(assessmentAdjustments.id, adjustmentId), eq(assessmentAdjustments.schemeId, schemeId)));
    if (!before) throw notFound('assessmentAdjustment');
    const [after] = await tx
      .update(assessmentAdjustments)
      .set({ withdrawnAt: ctx.now, withdrawnReason: reason })
      .where(and(eq(assessmentAdjustments.id, adjustmentId), isNull(assessmentAdjustments.withdrawnAt)))
      .returning();
    if (!after) throw new AppError('assessment.withdrawn', { field: 'id' });
    await recordAudit(tx, actorOf(ctx), { entity: 'assessmentAdjustment', entityId: adjustmentId, unitId: before.unitId, action: 'update', before, after, reason });
  });
}
