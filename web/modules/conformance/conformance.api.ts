import type {
  CheckStatus,
  RescoreProgress,
  Scorecard,
  ScorecardLevel,
  ScorecardPeriod,
  ScoredSubject,
  SubjectConformance,
  SubjectKind,
} from '../../../contracts/conformance';
import { api, type PageResult } from '../../app/api';

export type {
  CheckStatus,
  CheckView,
  RescoreProgress,
  Scorecard,
  ScorecardLevel,
  ScorecardPeriod,
  ScoredSubject,
  SubjectConformance,
  SubjectKind,
} from '../../../contracts/conformance';

/** Whose figures: the level's key of a scorecard row becomes one of these on the drill-down. */
export interface Narrowing {
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffId?: string;
  departmentId?: string;
  mine?: 'true';
}

export interface SubjectFilters extends Narrowing {
  kind?: SubjectKind;
  ruleId?: string;
  checkId?: string;
  status?: CheckStatus;
}

export const conformanceApi = {
  getScorecard: (
    query: Narrowing & { level: ScorecardLevel; period: ScorecardPeriod },
    signal?: AbortSignal,
  ) => api.get<Scorecard>('/conformance/scorecard', { ...query }, signal),
  findSubjects: (
    query: SubjectFilters & { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<PageResult<ScoredSubject>>('/conformance/subjects', { ...query }, signal),
  getSubject: (kind: SubjectKind, id: string, signal?: AbortSignal) =>
    api.get<SubjectConformance>(`/conformance/subjects/${kind}/${encodeURIComponent(id)}`, undefined, signal),
  getRescore: (signal?: AbortSignal) => api.get<RescoreProgress>('/conformance/rescore', undefined, signal),
  startRescore: () => api.post<RescoreProgress>('/conformance/rescore'),
  cancelRescore: () => api.post<RescoreProgress>('/conformance/rescore/cancel'),
};
