import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import type { ServiceContext } from '../context.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { yuanToWanText } from '../../domain/money.ts';
import { listSupervision, type ListSupervisionOptions } from './supervision.service.ts';

const STAGE_NAMES: Record<string, string> = {
  lead: '在谈',
  signed: '签约',
  registered: '注册',
  started: '开工',
  producing: '投产',
  inStats: '入库',
  stalled: '停滞',
  terminated: '终止',
};

const PAGE = 500;

/**
 * The 督办 list as the xlsx a bureau sends: a title row, a header row, 序号, every row the filter selects (read
 * page by page, never just the first page). Amounts in 万元, as the ledgers write them.
 */
export async function exportSupervision(ctx: ServiceContext, options: Omit<ListSupervisionOptions, 'page' | 'pageSize'>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('督办清单');
  const today = chinaToday(ctx.now);
  const columns = ['序号', '项目名称', '落地单位', '阶段', '总投资（万元）', '期限要求', '应完成日期', '状态', '逾期天数'];
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = `招商项目督办清单（截至${today}）`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.addRow(columns).font = { bold: true };
  sheet.columns = [6, 36, 16, 8, 14, 26, 12, 10, 10].map((width) => ({ width }));
  let n = 0;
  for (let page = 1; ; page++) {
    const { items } = await listSupervision(ctx, { ...options, page, pageSize: PAGE });
    for (const item of items) {
      sheet.addRow([
        ++n,
        item.projectName,
        item.unitName,
        STAGE_NAMES[item.stage],
        Number(yuanToWanText(item.totalInvestmentYuan)),
        item.ruleName,
        item.dueDate,
        item.status === 'overdue' ? '逾期' : '即将到期',
        item.daysOverdue,
      ]);
    }
    if (items.length < PAGE) break;
  }
  sheet.getColumn(5).numFmt = '#,##0.####';
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}
