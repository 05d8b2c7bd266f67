import { describe, expect, it } from 'vitest';
import type { MyTask } from './deals.api';
import { taskTitle } from './task-title';
import { dealsTranslatorFor } from './testing/translator';

const base: Omit<MyTask, 'kind' | 'params' | 'title'> = {
  id: 't1',
  transactionFileId: 'f1',
  projectId: 'p1',
  checklist: [],
  createdAt: '2026-12-01T01:00:00.000Z',
  dueAt: '2026-12-05T01:00:00.000Z',
  status: 'open',
  doneAt: null,
  unitNumber: '1栋-1205',
  customerName: '陈志强',
};

const downPayment: MyTask = {
  ...base,
  kind: 'down_payment_follow_up',
  title: '提醒 陈志强 缴首期款 1,234,567.89 元(2026-12-10 到期)，并准备按揭资料',
  params: { customerName: '陈志强', amountFen: 123_456_789, dueOn: '2026-12-10' },
};

// 2027-03-01 02:30 UTC is 10:30 in Asia/Shanghai, whatever zone the test machine runs in.
const moveIn: MyTask = {
  ...base,
  kind: 'move_in_accompany',
  title: '陪同 陈志强 办理入伙(2027-03-01 10:30，物业服务中心)',
  params: { customerName: '陈志强', appointmentAt: '2027-03-01T02:30:00.000Z', place: '物业服务中心' },
};

describe('taskTitle', () => {
  it('SA-14 words a down-payment follow-up in the reader’s language, the amount exact from fen', async () => {
    expect(taskTitle(downPayment, await dealsTranslatorFor('en'))).toBe(
      'Remind 陈志强 to pay the down payment of ¥1,234,567.89 (due 2026-12-10) and to prepare the mortgage documents',
    );
    expect(taskTitle(downPayment, await dealsTranslatorFor('zh-TW'))).toBe(
      '提醒 陈志强 繳首期款 1,234,567.89 元(2026-12-10 到期)，並準備按揭資料',
    );
    // 简体 reads exactly as the title the server stored.
    expect(taskTitle(downPayment, await dealsTranslatorFor('zh-CN'))).toBe(downPayment.title);
  });

  it('SA-17 shows the move-in appointment in Asia/Shanghai time', async () => {
    expect(taskTitle(moveIn, await dealsTranslatorFor('en'))).toBe(
      'Accompany 陈志强 to the move-in handover (2027-03-01 10:30, 物业服务中心)',
    );
    expect(taskTitle(moveIn, await dealsTranslatorFor('zh-CN'))).toBe(moveIn.title);
  });

  it('shows the stored title of a task made before its parameters were kept', async () => {
    const older: MyTask = { ...downPayment, params: null };
    expect(taskTitle(older, await dealsTranslatorFor('en'))).toBe(older.title);
  });
});
