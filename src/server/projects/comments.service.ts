import { asc, eq } from 'drizzle-orm';
import { projectComments } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { userNames } from '../users/users.service.ts';
import { requireProjectInScope } from './projects.service.ts';

/** Comments: anyone who may see the project may comment on it — leaders included; departments see no projects. */
export async function addProjectComment(ctx: ServiceContext, projectId: number, text: string) {
  if (ctx.caller.role === 'department') throw new AppError('auth.readOnly');
  const project = await requireProjectInScope(ctx, projectId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(projectComments).values({ projectId, authorId: ctx.caller.userId, text, createdAt: ctx.now }).returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'projectComment', entityId: row!.id, unitId: project.unitId, action: 'create', after: row });
    const names = await userNames(tx, [ctx.caller.userId]);
    return { id: row!.id, text: row!.text, author: names.get(ctx.caller.userId) ?? null, createdAt: row!.createdAt.toISOString() };
  });
}

export async function projectCommentRows(ctx: ServiceContext, projectId: number) {
  return ctx.db.select().from(projectComments).where(eq(projectComments.projectId, projectId)).orderBy(asc(projectComments.id));
}
