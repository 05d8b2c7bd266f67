import type { Locale } from '../contracts/locales.js';
import { type Role, roleLabels, roles } from '../contracts/roles.js';
import type { CrawlLogin } from './crawl-types.js';
import { demoPassword } from './harness.js';

/** The demo logins the server printed on first start (`  username   名字(职务)`). */
export function printedLogins(serverOutput: string): string[] {
  const block = serverOutput.split(/Demo logins[^\n]*\n/)[1] ?? '';
  const names: string[] = [];
  for (const line of block.split('\n')) {
    const match = /^ {2}([a-z0-9_.-]+)\s+\S/.exec(line);
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}

/**
 * One login per role, the first printed that holds it, from the roles each login's session carries:
 * a role the demo adds later is crawled without editing this file.
 */
export async function loginsPerRole(baseUrl: string, usernames: string[]): Promise<CrawlLogin[]> {
  const found = new Map<Role, string>();
  for (const username of usernames) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
    const session = (await response.json()) as { user: { roles: Array<{ role: Role }> } };
    for (const grant of session.user.roles) if (!found.has(grant.role)) found.set(grant.role, username);
  }
  return roles.filter((role) => found.has(role)).map((role) => ({ role, username: found.get(role)! }));
}

/** Role names for captions, from the app's own labels. */
export function roleLabel(role: Role, locale: Locale = 'zh-CN'): string {
  return roleLabels[role][locale];
}
