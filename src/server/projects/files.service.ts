import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { evidenceFiles, projects } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { evidenceFileProblem, sniffEvidenceType } from '../../domain/evidence-files.ts';
import type { TEvidenceFile } from '../../shared/files.ts';
import { requireProjectInScope } from './projects.service.ts';

type FileRow = typeof evidenceFiles.$inferSelect;

function toFile(row: Omit<FileRow, 'content'>): TEvidenceFile {
  return {
    id: row.id,
    projectId: row.projectId,
    stageEventId: row.stageEventId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

const metadata = {
  id: evidenceFiles.id,
  projectId: evidenceFiles.projectId,
  stageEventId: evidenceFiles.stageEventId,
  fileName: evidenceFiles.fileName,
  contentType: evidenceFiles.contentType,
  size: evidenceFiles.size,
  sha256: evidenceFiles.sha256,
  uploadedBy: evidenceFiles.uploadedBy,
  uploadedAt: evidenceFiles.uploadedAt,
};

/** Stores a photo or scan for a project; it is attached to a stage change when that change names it. */
export async function uploadEvidenceFile(ctx: ServiceContext, projectId: number, upload: { fileName: string; content: Buffer }): Promise<TEvidenceFile> {
  assertCanWrite(ctx.caller);
  const project = await requireProjectInScope(ctx, projectId);
  const problem = evidenceFileProblem(upload.content);
  if (problem) throw new AppError(`evidence.file.${problem}`, { field: 'file' });
  const fileName = upload.fileName.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidenceFiles)
      .values({
        projectId,
        fileName,
        contentType: sniffEvidenceType(upload.content)!,
        size: upload.content.length,
        sha256: createHash('sha256').update(upload.content).digest('hex'),
        content: upload.content,
        uploadedBy: ctx.caller.userId,
        uploadedAt: ctx.now,
      })
      .returning(metadata);
    await recordAudit(tx, actorOf(ctx), { entity: 'evidenceFile', entityId: row!.id, unitId: project.unitId, action: 'create', after: row });
    return toFile(row!);
  });
}

export async function listEvidenceFiles(ctx: ServiceContext, projectId: number): Promise<TEvidenceFile[]> {
  await requireProjectInScope(ctx, projectId);
  const rows = await ctx.db.select(metadata).from(evidenceFiles).where(eq(evidenceFiles.projectId, projectId)).orderBy(asc(evidenceFiles.id));
  return rows.map(toFile);
}

/** The file itself, for those who may see its project. */
export async function downloadEvidenceFile(ctx: ServiceContext, id: number) {
  const [row] = await ctx.db
    .select({ file: evidenceFiles })
    .from(evidenceFiles)
    .innerJoin(projects, eq(projects.id, evidenceFiles.projectId))
    .where(and(eq(evidenceFiles.id, id), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('evidenceFile');
  return row.file;
}
