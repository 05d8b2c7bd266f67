import { ApiError, api } from '../../app/api';

export interface OpeningEvent {
  id: string;
  projectId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  isCancelled: number;
  phase: 'cancelled' | 'upcoming' | 'open' | 'closed';
  unitCount?: number;
  buyerCount?: number;
  pickCount?: number;
}

export interface OpeningBuyer {
  id: string;
  name: string;
  phone: string;
  idNumberMasked: string;
  idVerified: boolean;
  idVerifiedByName: string | null;
  pledgeNumber: string;
  pickCount: number;
  demoCode: string | null;
}

export interface OpeningPick {
  id: string;
  unitId: string;
  label: string;
  buyerName: string;
  pledgeNumber: string;
  listTotalFen: number | null;
  pickedAt: string;
}

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
    api.get<{ items: OpeningEvent[] }>('/openings', { projectId }, signal),
  event: (id: string, signal?: AbortSignal) =>
    api.get<{ event: OpeningEvent; unitIds: string[]; buyers: OpeningBuyer[]; picks: OpeningPick[] }>(
      `/openings/${id}`,
      undefined,
      signal,
    ),
  create: (body: EventInput & { projectId: string }) => api.post<OpeningEvent>('/openings', body),
  cancel: (id: string) => api.post<OpeningEvent>(`/openings/${id}/cancel`),
  registerBuyer: (id: string, buyer: BuyerInput) =>
    api.post<{ created: number }>(`/openings/${id}/buyers`, { buyers: [{ ...buyer, customerId: null }] }),
  verifyBuyer: (buyerId: string) => api.post<void>(`/openings/buyers/${buyerId}/verify`),
};

// --- the buyer's public page: no staff session, its own small client (a 401 here must not send anyone to the staff login) ---

export interface PublicEvent {
  id: string;
  name: string;
  projectName: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  phase: OpeningEvent['phase'];
  serverTime: string;
}

export interface OfferedUnit {
  id: string;
  label: string;
  buildingId: string;
  buildingName: string;
  floor: number;
  position: number;
  number: string;
  layout: string;
  buildingAreaDm2: number;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  isAvailable: boolean;
}

export interface BuyerOverview {
  name: string;
  pledgeNumber: string;
  pickCount: number;
  perBuyerLimit: number;
  serverTime: string;
  picks: Array<{
    id: string;
    unitId: string;
    label: string;
    layout: string;
    buildingAreaDm2: number;
    listTotalFen: number | null;
    pickedAt: string;
  }>;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
    });
  } catch {
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
  event: (eventId: string) => call<PublicEvent>('GET', `/${eventId}`),
  requestCode: (eventId: string, phone: string) =>
    call<{ sent: true }>('POST', `/${eventId}/code`, { phone }),
  signIn: (eventId: string, phone: string, code: string) =>
    call<{ name: string; pledgeNumber: string }>('POST', `/${eventId}/session`, { phone, code }),
  signOut: (eventId: string) => call<void>('DELETE', `/${eventId}/session`),
  me: (eventId: string) => call<BuyerOverview>('GET', `/${eventId}/me`),
  units: (eventId: string) => call<{ units: OfferedUnit[]; serverTime: string }>('GET', `/${eventId}/units`),
  pick: (eventId: string, unitId: string) =>
    call<{ pickId: string; unitId: string; pickedAt: string; listTotalFen: number | null }>(
      'POST',
      `/${eventId}/picks`,
      { unitId },
    ),
};
