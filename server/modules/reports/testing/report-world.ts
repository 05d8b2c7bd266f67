import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import {
  actOnCall,
  buildServiceDepartment,
  leaveMessage,
  reportIncident,
  startManualCall,
} from '../../calls/testing/index.js';

type TestStaff = Actor & { username: string };

export interface ReportWorld {
  org: TestOrg;
  /** Manager of the estate (its project report), 王经理. */
  manager: TestStaff;
  /** Department head on the estate (its desks' reports), 何平. */
  head: TestStaff;
  agent: TestStaff;
  /** Manager of the sales project only. */
  salesManager: TestStaff;
  admin: TestStaff;
  consultant: TestStaff;
}

/** The day the recorded calls are on (Asia/Shanghai) and the instant its report is due (next day 08:00). */
export const reportDay = '2026-12-01';
export const reportDueAt = new Date('2026-12-02T00:00:00.000Z');

const at = (shanghaiTime: string) => new Date(`${reportDay}T${shanghaiTime}+08:00`);
const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/**
 * A company whose estate service desk, on the report day, took three calls through the desk's
 * own use cases — answered on ring 2, answered on ring 4 (past the 3-ring limit, CS-1), and
 * missed — plus a message and an incident.
 */
export async function buildReportWorld(db: Db): Promise<ReportWorld> {
  const org = await buildOrg(db);
  const { head, agent, colleague } = await buildServiceDepartment(db, org, at('08:00:00'));
  const manager = await buildStaff(db, org, {
    displayName: '王经理',
    roles: [{ role: 'manager', projectId: org.estateProjectId }],
  });
  const salesManager = await buildStaff(db, org, {
    displayName: '赵经理',
    roles: [{ role: 'manager', projectId: org.salesProjectId }],
  });
  const admin = await buildStaff(db, org, { roles: ['admin'] });
  const consultant = await buildStaff(db, org, {
    roles: [{ role: 'consultant', projectId: org.salesProjectId }],
  });
  const deskId = org.serviceDeskId;
  for (const [start, answerAfter] of [
    [at('09:00:00'), 6],
    [at('10:00:00'), 17],
    [at('11:00:00'), null],
  ] as const) {
    const call = await startManualCall(db, { actor: agent, deskId, callerNumber: '13912345678', now: start });
    if (answerAfter !== null)
      await actOnCall(db, {
        actor: agent,
        callId: call.id,
        input: { action: 'answer' },
        now: plus(start, answerAfter),
      });
    await actOnCall(db, {
      actor: agent,
      callId: call.id,
      input: { action: 'end', releasedBy: 'caller' },
      now: plus(start, 60),
    });
  }
  await leaveMessage(db, {
    actor: agent,
    input: {
      deskId,
      recipientStaffId: colleague.staffId,
      kind: 'message',
      callerName: '王先生',
      callbackNumber: '13912345678',
      content: '厨房漏水,请回电',
      urgency: 'normal',
    },
    now: at('12:00:00'),
  });
  await reportIncident(db, {
    actor: agent,
    input: {
      deskId,
      isEmergency: false,
      callerName: '访客',
      callerIdentity: 'visitor',
      buildingId: null,
      doorId: null,
      unitLabel: '',
      phone: '',
      account: '东门道闸无法抬杆。',
    },
    now: at('13:00:00'),
  });
  return { org, manager, head, agent, salesManager, admin, consultant };
}

/** The text of a PDF as pdftotext (poppler-utils) reads it. */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Pages of a PDF (the report must fit on one). */
export function pdfPages(pdf: Buffer): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
