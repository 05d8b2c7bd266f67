import type { Wallboard, WallboardDesk } from '../../../../contracts/calls-wallboard';
import { api } from '../../../app/api';

export type * from '../../../../contracts/calls-wallboard';

/** The supervisor's wallboard (issue 16): the desks one may watch, and one desk's state now. */
export const wallboardApi = {
  findDesks: (signal?: AbortSignal) =>
    api.get<{ items: WallboardDesk[] }>('/calls/wallboard/desks', undefined, signal),
  getBoard: (deskId: string, signal?: AbortSignal) =>
    api.get<Wallboard>(`/calls/wallboard/${encodeURIComponent(deskId)}`, undefined, signal),
};
