import type {
  BuyerOverview,
  ListResult,
  OfferedUnit,
  OpeningBuyer,
  OpeningEventDetail,
  OpeningEventRow,
  OpeningEventSummary,
  OpeningPhase,
  OpeningPick,
  PublicEvent,
} from '../../../contracts/opening';
import { ApiError, api } from '../../app/api';

export type { BuyerOverview, OfferedUnit, OpeningBuyer, OpeningPick, PublicEvent };

/** An event as the console lists and shows it (the counts only in the list). */
export type OpeningEvent = OpeningEventRow & { phase: OpeningPhase } & Partial<
    Pick<OpeningEventSummary, 'unitCount' | 'buyerCount' | 'pickCount'>
  >;

export interface EventInput {
  name: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  unitIds: string[];
}

export interface BuyerInput {
  name: string;
  phone: string;
  idNumber: string;
  pledgeNumber: string;
  idVerified: boolean;
}

export const openingApi = {
  events: (projectId: string, signal?: AbortSignal) =>
    api.get<ListResult<OpeningEventSummary>>('/openings', { projectId }, signal),
  event: (id: string, signal?: AbortSignal) =>
    api.get<OpeningEventDetail>(`/openings/${id}`, undefined, signal),
  create: (body: EventInput & { projectId: string }) => api.post<OpeningEventRow>('/openings', body),
  cancel: (id: string) => api.post<OpeningEventRow>(`/openings/${id}/cancel`),
  registerBuyer: (id: string, buyer: BuyerInput) =>
    api.post<{ created: number }>(`/openings/${id}/buyers`, { buyers: [{ ...buyer, customerId: null }] }),
  verifyBuyer: (buyerId: string) => api.post<void>(`/openings/buyers/${buyerId}/verify`),
};

// --- the buyer's public page: no staff session, its own small client (a 401 here must not send anyone to the staff login) ---

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/public/openings${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        'Accept-Language': document.documentElement.lang || navigator.language,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', '网络连接失败,请重试 / Network error');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok)
    throw new ApiError(
      response.status,
      data?.error?.code ?? `HTTP_${response.status}`,
      data?.error?.message ?? response.statusText,
      data?.error?.fields,
    );
  return data as T;
}

export const buyerApi = {
  event: (eventId: string, signal?: AbortSignal) =>
    call<PublicEvent>('GET', `/${eventId}`, undefined, signal),
  requestCode: (eventId: string, phone: string) =>
    call<{ sent: true }>('POST', `/${eventId}/code`, { phone }),
  signIn: (eventId: string, phone: string, code: string) =>
    call<{ name: string; pledgeNumber: string }>('POST', `/${eventId}/session`, { phone, code }),
  signOut: (eventId: string) => call<void>('DELETE', `/${eventId}/session`),
  me: (eventId: string, signal?: AbortSignal) =>
    call<BuyerOverview>('GET', `/${eventId}/me`, undefined, signal),
  units: (eventId: string, signal?: AbortSignal) =>
    call<{ units: OfferedUnit[]; serverTime: string }>('GET', `/${eventId}/units`, undefined, signal),
  pick: (eventId: string, unitId: string) =>
    call<{ pickId: string; unitId: string; pickedAt: string; listTotalFen: number | null }>(
      'POST',
      `/${eventId}/picks`,
      { unitId },
    ),
};
