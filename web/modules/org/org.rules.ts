import type { DeskKind, ProjectKind } from './org.api';

/** The server's DESK_KIND_MISMATCH rule: sales lines belong to sales offices, service desks and posts to estates. */
export function deskKindsFor(projectKind: ProjectKind | undefined): DeskKind[] {
  if (projectKind === 'sales') return ['sales_line'];
  if (projectKind === 'estate') return ['service_centre', 'security_post'];
  return ['service_centre', 'security_post', 'sales_line'];
}
