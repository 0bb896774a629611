import type { ServiceContext } from '../context.ts';
import { auditTrailOf } from '../audit/audit.service.ts';
import { getProjectLifecycle } from '../projects/stages.service.ts';
import { getProjectFunds } from '../projects/funds.service.ts';
import { projectCommentRows } from '../projects/comments.service.ts';
import { getProject } from '../projects/projects.service.ts';
import { listProblems } from '../problems/problems.service.ts';
import { userNames } from '../users/users.service.ts';
import { listVisits } from '../activities/visits.service.ts';
import { leadsOfProject } from '../leads/leads.service.ts';
import type { TTimelineItem } from '../../shared/timeline.ts';

const RECORD_FIELDS_HIDDEN = new Set(['updatedAt', 'createdAt', 'createdBy', 'stage', 'nextDueOn', 'nextDueRule', 'warnFromOn', 'lastEventOn']);

/** Which fields an edit changed, from its audit row (values of confidential fields are not repeated here). */
function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return Object.keys(b).filter((key) => !RECORD_FIELDS_HIDDEN.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/**
 * Everything that happened to a project, newest first: the lead it came from, visits about it, stage changes and
 * corrections, funds, problems and their notes, comments, and edits of the record (from the audit trail). Each source is read through its own area's
 * service, so the caller's scope applies to all of them.
 */
export async function getProjectTimeline(ctx: ServiceContext, projectId: number): Promise<TTimelineItem[]> {
  const project = await getProject(ctx, projectId); // 404 outside the caller's scope
  const [lifecycle, funds, problems, comments, trail, visits, leads] = await Promise.all([
    getProjectLifecycle(ctx, projectId),
    getProjectFunds(ctx, projectId),
    listProblems(ctx, { projectId, page: 1, pageSize: 200 }),
    projectCommentRows(ctx, projectId),
    auditTrailOf(ctx.db, 'project', projectId),
    listVisits(ctx, { projectId, page: 1, pageSize: 200 }),
    leadsOfProject(ctx, projectId),
  ]);
  const authors = await userNames(ctx.db, comments.flatMap((c) => (c.authorId ? [c.authorId] : [])));
  const items: TTimelineItem[] = [];
  for (const e of lifecycle.events) {
    items.push({ kind: 'stage', at: e.happenedOn, actor: e.recordedBy, data: { eventKind: e.kind, state: e.state, evidence: e.evidence, reason: e.reason, recordedAt: e.recordedAt } });
  }
  for (const f of funds.entries) {
    items.push({ kind: 'funds', at: f.arrivedOn, actor: f.recordedBy, data: { source: f.source, amountYuan: f.amountYuan, amountUsd: f.amountUsd, evidenceRef: f.evidenceRef, voided: f.voided } });
  }
  for (const p of problems.items) {
    items.push({ kind: 'problem', at: p.createdAt, actor: null, data: { problemId: p.id, category: p.category, description: p.description, state: p.state, level: p.level } });
    for (const n of p.notes) items.push({ kind: 'problemNote', at: n.createdAt, actor: n.author, data: { problemId: p.id, noteKind: n.kind, text: n.text } });
  }
  for (const v of visits.items) {
    items.push({ kind: 'visit', at: v.visitedOn, actor: null, data: { visitKind: v.kind, enterpriseName: v.enterpriseName, peopleMet: v.peopleMet, notes: v.notes, nextStep: v.nextStep } });
  }
  for (const l of leads) {
    items.push({ kind: 'lead', at: l.collectedOn, actor: l.reporterName, data: { source: l.source, enterpriseName: l.enterpriseName, note: l.note } });
  }
  for (const c of comments) {
    items.push({ kind: 'comment', at: c.createdAt.toISOString(), actor: c.authorId ? (authors.get(c.authorId) ?? null) : null, data: { text: c.text } });
  }
  for (const row of trail) {
    if (row.action !== 'create' && row.action !== 'update' && row.action !== 'seed') continue;
    const fields = row.action === 'update' ? changedFields(row.before, row.after) : [];
    if (row.action === 'update' && fields.length === 0) continue; // stage moves appear as stage items
    items.push({ kind: 'edit', at: row.at.toISOString(), actor: row.actorName, data: { action: row.action, fields: project.confidential ? [] : fields } });
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
