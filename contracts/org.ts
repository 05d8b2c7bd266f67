/**
 * The organisation's projects as both sides see them (server/modules/org answers, the web app's
 * project pickers read). Extend with the org module's other answers.
 */

export type ProjectKind = 'sales' | 'estate';

export interface Project {
  id: string;
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
  isArchived: boolean;
  buildingCount: number;
  deskCount: number;
}

export interface ListResult<T> {
  items: T[];
}
