import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { queryRows } from '../db/client.ts';

/**
 * Every table whose rows point at a project, decided once (issue 18): what the app derived from the project by
 * itself goes with the project when an import is reverted; what a person recorded about it after the import stops
 * the revert, named. A test compares this list with the database's foreign keys, so a new table cannot be forgotten.
 */
export const PROJECT_REFERENCES = {
  /** The project's own stage history: the revert revokes or deletes the import's events itself. */
  project_stage_events: 'history',
  /** Reminders the hourly job made (in-app; the unit's daily robot digest keeps no link to a project). */
  notifications: 'derived',
  project_funds: 'person',
  project_comments: 'person',
  evidence_files: 'person',
  problems: 'person',
  corrections: 'person',
  leads: 'person',
  visits: 'person',
  event_projects: 'person',
  /** A person placed the project on an industrial-chain link (issue 14). */
  chain_placements: 'person',
  /**
   * A pair in the bureau's 甄别 queue (issue 17), by project_a_id / project_b_id: an open pair is the app's own and goes
   * with the project (on delete cascade); a decided one is the bureau's decision and stops the revert.
   */
  duplicate_claims: 'pair',
  /**
   * A stage change reported for verification (issue 17), and the reviewer's decision on it: the report of one of the
   * import's own stage changes that no reviewer has decided on yet is the import's own and is withdrawn by its revert
   * (`withdrawImportedChanges`); any other (decided, sent back, or of another stage record) stops the revert.
   */
  stage_verifications: 'verification',
  /** A re-signing, supplementary agreement, phase, expansion or change of investor recorded on the project (三明, issue 17). */
  project_count_once: 'person',
  /**
   * A 甄别 merge (issue 17): projects.merged_into_id and project_merges are the merge's own bookkeeping, undone by the
   * merge's undo; a merged project's pair is decided, which already stops a revert.
   */
  projects: 'merge',
  project_merges: 'merge',
} as const satisfies Record<string, 'history' | 'derived' | 'person' | 'pair' | 'merge' | 'verification'>;

export type LaterRecordKind = {
  [K in keyof typeof PROJECT_REFERENCES]: (typeof PROJECT_REFERENCES)[K] extends 'person' | 'pair' | 'verification' ? K : never;
}[keyof typeof PROJECT_REFERENCES];

/** What each kind is called in a refusal. */
export const LATER_RECORD_NAMES: Record<LaterRecordKind, { zh: string; en: string }> = {
  project_funds: { zh: '到位资金', en: 'funds arrived' },
  project_comments: { zh: '评论', en: 'comments' },
  evidence_files: { zh: '佐证材料', en: 'evidence files' },
  problems: { zh: '问题', en: 'problems' },
  corrections: { zh: '更正', en: 'corrections' },
  leads: { zh: '线索', en: 'leads' },
  visits: { zh: '走访', en: 'visits' },
  event_projects: { zh: '活动', en: 'events' },
  chain_placements: { zh: '产业链环节归属', en: 'chain link placements' },
  duplicate_claims: { zh: '甄别结论', en: 'duplicate review decisions' },
  stage_verifications: { zh: '核实记录', en: 'stage verifications' },
  project_count_once: { zh: '不重复统计记录', en: 'count-once records' },
};

const PERSON_TABLES = (Object.keys(PROJECT_REFERENCES) as (keyof typeof PROJECT_REFERENCES)[]).filter(
  (table): table is Exclude<LaterRecordKind, 'duplicate_claims' | 'stage_verifications'> => PROJECT_REFERENCES[table] === 'person',
);

/**
 * The records people made about these projects, by project: one query over every such table. `ownEventIds`: the
 * stage records of the import being reverted, whose still undecided reports are its own.
 */
export async function laterRecordsOf(ctx: ServiceContext, projectIds: number[], ownEventIds: number[] = []): Promise<Map<number, Set<LaterRecordKind>>> {
  const found = new Map<number, Set<LaterRecordKind>>();
  if (projectIds.length === 0) return found;
  const ids = sql`any(${sql.param(projectIds)}::int[])`;
  const union = sql.join(
    [
      ...PERSON_TABLES.map((table) => sql`select distinct project_id, ${table}::text as kind from ${sql.identifier(table)} where project_id = ${ids}`),
      sql`select project_a_id as project_id, 'duplicate_claims' as kind from duplicate_claims where status <> 'open' and project_a_id = ${ids}`,
      sql`select project_b_id as project_id, 'duplicate_claims' as kind from duplicate_claims where status <> 'open' and project_b_id = ${ids}`,
      sql`select project_id, 'stage_verifications' as kind from stage_verifications where project_id = ${ids}
            and not (status = 'reported' and jsonb_array_length(steps) = 1 and stage_event_id = any(${sql.param(ownEventIds)}::int[]))`,
    ],
    sql` union all `,
  );
  for (const row of await queryRows<{ project_id: number; kind: LaterRecordKind }>(ctx.db, union)) {
    const kinds = found.get(Number(row.project_id)) ?? new Set<LaterRecordKind>();
    kinds.add(row.kind);
    found.set(Number(row.project_id), kinds);
  }
  return found;
}

/** Removes what the app derived from these projects by itself (before the projects are deleted). */
export async function deleteDerivedOf(ctx: ServiceContext, projectIds: number[]): Promise<void> {
  if (projectIds.length === 0) return;
  const ids = sql`any(${sql.param(projectIds)}::int[])`;
  for (const table of Object.keys(PROJECT_REFERENCES) as (keyof typeof PROJECT_REFERENCES)[]) {
    if (PROJECT_REFERENCES[table] === 'derived') await queryRows(ctx.db, sql`delete from ${sql.identifier(table)} where project_id = ${ids}`);
  }
}
