/**
 * The supervisor's wallboard (issue 16): one desk's live state as the server answers it. Times are
 * ISO-8601 UTC; `serverTime` lets the screen count rings and hold seconds on the server's clock,
 * whatever the browser's clock says. A wall screen is seen by passers-by: no caller number is sent.
 */
import type { Presence, RingPolicy } from './calls.js';

export type WallboardDeskKind = 'service_centre' | 'security_post' | 'sales_line';

export interface WallboardDesk {
  id: string;
  name: string;
  kind: WallboardDeskKind;
  projectId: string;
  projectName: string;
}

export interface WallboardRingingCall {
  callId: string;
  ringingAt: string;
  /** When ring `maxRings` starts: the supervisor is alerted from then on if nobody answered. */
  alertAt: string;
}

export interface WallboardActiveCall {
  callId: string;
  status: 'answered' | 'on_hold';
  answeredAt: string | null;
  /** Set while on hold; the live timer counts from it. */
  heldSince: string | null;
  /** Hold time of earlier holds of the call (ms). */
  holdMs: number;
  agentName: string | null;
}

export interface WallboardAgent {
  staffId: string;
  displayName: string;
  presence: Presence;
  presenceChangedAt: string;
  isOnCall: boolean;
}

export interface WallboardToday {
  /** Asia/Shanghai day. */
  day: string;
  calls: number;
  answered: number;
  answeredWithinLimit: number;
  missed: number;
  /** Sales line: visitors received today (reception's count); null for other desks. */
  visits: number | null;
  /** Answered within the limit ÷ calls decided (ringing calls not counted yet); null when none. */
  answerRate: number | null;
}

export interface WallboardOverdueMessage {
  messageId: string;
  recipientName: string;
  kind: 'message' | 'pass_on';
  urgency: 'normal' | 'urgent';
  createdAt: string;
  dueAt: string;
}

export interface WallboardOrderMember {
  staffId: string;
  displayName: string;
  presence: Presence;
  position: number;
  isNext: boolean;
  calls: number;
  visits: number;
}

export interface WallboardAnsweringOrder {
  nextName: string | null;
  members: WallboardOrderMember[];
}

export interface Wallboard {
  serverTime: string;
  desk: WallboardDesk;
  /** The desk's ring policy (service centres and security posts); null for a sales line. */
  policy: RingPolicy | null;
  /** Live topics the caller may hear for this board; empty: the screen polls instead. */
  liveTopics: string[];
  ringing: WallboardRingingCall[];
  active: WallboardActiveCall[];
  agents: WallboardAgent[];
  today: WallboardToday;
  overdueMessages: WallboardOverdueMessage[];
  /** Sales line: who answers next (reception's 轮接), when the caller may see it. */
  answeringOrder: WallboardAnsweringOrder | null;
}
