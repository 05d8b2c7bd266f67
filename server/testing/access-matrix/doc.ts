import { roles } from '../../../contracts/roles.js';
import { type ObjectScopeKind, type Reach, scopeRules } from '../../platform/auth/scope.js';
import { fieldRules, reachOf } from './field-rules.js';

const reachLabels: Record<Reach, string> = {
  project: 'whole project',
  own: 'own (owner)',
  participant: 'taken part in',
  'desk:service_centre': 'service-centre desks',
  'desk:security_post': 'security-post desks',
};

const scopeDescriptions: Record<ObjectScopeKind, string> = {
  company: "the company's shared reference data (projects, buildings, desks, staff directory, settings)",
  project: "a project's objects every member works with (units, board, price lists, openings)",
  desk: 'calls, messages, incidents and leader calls, by the kind of desk',
  owner: 'customers with their follow-ups, visits and sales calls; campaigns and imports',
  workorder:
    'work orders (报修/投诉/咨询), their photos and timeline; an engineer also sees those of their team',
  deal: 'plans, deposits, receipts, forms, ID copies, agreements, transaction files and what hangs off them',
};

/**
 * docs/access-matrix.md, generated from `scopeRules` and `fieldRules`: a unit test compares the
 * file with this text, so the document cannot drift from the rules the code applies.
 */
export function renderAccessMatrixDoc(): string {
  const kinds = Object.keys(scopeRules) as ObjectScopeKind[];
  const lines = [
    '# Access matrix — who sees what',
    '',
    '<!-- Generated from scopeRules (server/platform/auth/scope.ts) and fieldRules',
    '     (server/platform/testing/access-matrix.ts) by renderAccessMatrixDoc(); do not edit by hand:',
    '     run `npx tsx scripts/access-matrix-doc.ts` after changing the rules. -->',
    '',
    'Every `/api` route declares the roles that may call it (`config.access`) and the object scope it',
    'serves (`config.scope`). A role reaches objects of a scope only in the projects its grant covers',
    '(a company-wide grant covers every project of the company), never in another company. What a',
    'caller may not see does not exist for them: detail reads and mutations answer 404, lists and',
    'exports leave it out.',
    '',
    '## Role × scope → reach',
    '',
    `| role | ${kinds.join(' | ')} |`,
    `|---|${kinds.map(() => '---|').join('')}`,
  ];
  for (const role of roles)
    lines.push(
      `| ${role} | ${kinds
        .map((kind) => {
          const reach = reachOf(role, kind);
          return reach.length ? reach.map((item) => reachLabels[item]).join(', ') : '—';
        })
        .join(' | ')} |`,
    );
  lines.push(
    '',
    '— : nothing of that scope. The administrator also passes a route only where its roles name',
    "'admin' (projects, staff, desks, scripts, settings), never through an implicit pass.",
    '',
    '## Scopes',
    '',
    '| scope | objects |',
    '|---|---|',
    ...kinds.map((kind) => `| ${kind} | ${scopeDescriptions[kind]} |`),
    '| public | no caller (sign-in, health, signed webhooks) |',
    "| self | the caller's own account, session, preferences and inbox |",
    '| buyer | an online-opening buyer, by their own token for their own event |',
    '',
    '## Fields: whole phone and ID numbers',
    '',
    'Everywhere else a phone shows masked (`138****5678`) and an ID number never whole.',
    '',
    '| field | shown whole |',
    '|---|---|',
    ...Object.values(fieldRules).map((rule) => `| ${rule.label} | ${rule.whole} |`),
    '',
    '## The test that proves it',
    '',
    '`server/access.matrix.test.ts` (in `npm test`, on SQLite and PostgreSQL; `npm run bench:access`',
    'prints the same counts) builds a world (`server/platform/testing/access-world.ts`): company A with',
    'projects P1 and P2, company B; in P1 one caller per role and a second consultant who owns every',
    'object of P1. It calls every route of the route table as every role against the objects of',
    'another consultant, another desk, another project, another company and another buyer, and',
    'counts a leak for a 2xx on an object the rules above hide, an answer (JSON, .xlsx, PDF) carrying',
    "such an object's marker or a whole number the field rules do not allow, or a hidden row changed.",
    'A route whose path parameter names no object of the world fails the test until a fixture is added.',
    '',
  );
  return lines.join('\n');
}
