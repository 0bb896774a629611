import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import type { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { listProblems } from './problems.service.ts';
import type { ZProblemListQuery } from '../../shared/problems.ts';

const CATEGORY_NAMES: Record<string, string> = { land: '用地', approval: '审批', funding: '资金', utilities: '水电气', talent: '人才', other: '其他' };

const PAGE = 200;

/** The problems ledger (问题台账) as the xlsx a bureau sends: title, header, 序号, every problem the filter selects. */
export async function exportProblems(ctx: ServiceContext, filter: Omit<z.output<typeof ZProblemListQuery>, 'page' | 'pageSize'>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题台账');
  const columns = ['序号', '项目名称', '问题类型', '问题描述', '责任部门', '办理时限', '级别', '状态', '领导批示', '办理进展', '办理结果', '提出时间'];
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = `项目问题台账（截至${chinaToday(ctx.now)}）`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.addRow(columns).font = { bold: true };
  sheet.columns = [6, 30, 10, 40, 20, 12, 8, 10, 30, 30, 30, 12].map((width) => ({ width }));
  let n = 0;
  for (let page = 1; ; page++) {
    const { items } = await listProblems(ctx, { ...filter, page, pageSize: PAGE });
    for (const p of items) {
      const notes = (kind: string) => p.notes.filter((note) => note.kind === kind).map((note) => `${note.text}${note.author ? `(${note.author})` : ''}`).join(';');
      sheet.addRow([
        ++n,
        p.projectName,
        CATEGORY_NAMES[p.category] ?? p.category,
        p.description,
        p.departmentName,
        p.dueOn,
        p.level === 'city' ? '市级' : '县级',
        p.state === 'resolved' ? '已解决' : p.overdue ? '逾期未解决' : '办理中',
        notes('instruction'),
        notes('progress'),
        p.resolution,
        p.createdAt.slice(0, 10),
      ]).alignment = { wrapText: true, vertical: 'top' };
    }
    if (items.length < PAGE) break;
  }
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}
