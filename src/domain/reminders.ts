import type { IsoDate } from './calendar.ts';
import { computeDeadlines, type DeadlineRule, type StageDates } from './deadlines.ts';
import type { ProjectState } from './stages.ts';

/** What the reminder job owes a project today: one reminder per open deadline that is due soon or overdue. */
export type Reminder = { ruleKey: string; dueOn: IsoDate; level: 'dueSoon' | 'overdue'; daysLeft: number };

export function remindersFor(state: ProjectState, stageDates: StageDates, rules: DeadlineRule[], today: IsoDate): Reminder[] {
  const reminders: Reminder[] = [];
  for (const d of computeDeadlines({ state, stageDates, rules, today })) {
    if (d.open && d.status !== 'onTrack') reminders.push({ ruleKey: d.rule.key, dueOn: d.dueDate, level: d.status, daysLeft: d.daysLeft });
  }
  return reminders;
}

export type DigestLine = { projectName: string; ruleName: string; dueOn: IsoDate; level: 'dueSoon' | 'overdue'; daysLeft: number };

/** The day's digest for a unit's group robot, in Markdown both WeCom and DingTalk render. */
export function reminderDigest(unitName: string, day: IsoDate, lines: DigestLine[]): { title: string; text: string } {
  const title = `【招商项目督办】${unitName} ${day}`;
  const overdue = lines.filter((l) => l.level === 'overdue').sort((a, b) => a.daysLeft - b.daysLeft);
  const soon = lines.filter((l) => l.level === 'dueSoon').sort((a, b) => a.daysLeft - b.daysLeft);
  const parts = [`### ${title}`, `逾期 **${overdue.length}** 项，即将到期 **${soon.length}** 项。`];
  if (overdue.length > 0) {
    parts.push('**逾期**');
    for (const l of overdue) parts.push(`- <font color="warning">${l.projectName}</font>：${l.ruleName}，应于${l.dueOn}完成，已逾期${-l.daysLeft}天`);
  }
  if (soon.length > 0) {
    parts.push('**即将到期**');
    for (const l of soon) parts.push(`- ${l.projectName}：${l.ruleName}，应于${l.dueOn}前完成，剩余${l.daysLeft}天`);
  }
  return { title, text: parts.join('\n') };
}

/** 企业微信群机器人 message: https://developer.work.weixin.qq.com/document/path/91770 (markdown type). */
export function wecomPayload(digest: { title: string; text: string }) {
  return { msgtype: 'markdown', markdown: { content: digest.text } };
}

/** 钉钉自定义机器人 message (markdown type): a title for the notification and the Markdown text. */
export function dingtalkPayload(digest: { title: string; text: string }) {
  return { msgtype: 'markdown', markdown: { title: digest.title, text: digest.text } };
}
