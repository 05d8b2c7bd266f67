/** The badge colour of each call status. */
export const statusColour = {
  ringing: 'processing',
  answered: 'success',
  on_hold: 'warning',
  ended: 'default',
  missed: 'error',
} as const;

/** Puts the person sought into a phrase's "him or her" (他(她)). */
export function fillPhrase(template: string, person: string | null): string {
  return person ? template.replace(/他\(她\)|him or her/g, person) : template;
}
