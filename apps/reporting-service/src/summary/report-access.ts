import { Actor, Caller, isIntegration, Role } from '@helpdesk/contracts';

/**
 * Who may read reports: supervisors and admins, and integrations whose API key holds
 * `reports:read`. Reports are organization-wide figures with no per-row scoping, so such a key
 * reads what an admin reads.
 */
export function mayReadReports(caller: Caller): boolean {
  return isIntegration(caller) ? caller.scopes.includes('reports:read') : caller.role === Role.Admin || caller.role === Role.Supervisor;
}

/**
 * Whom reporting asks the directory (teams, agents) as: the person calling, or for an API key a
 * read-only stand-in with a supervisor's view of the directory, named after the key.
 */
export function directoryReader(caller: Caller): Actor {
  if (!isIntegration(caller)) return caller;
  return { id: caller.id, role: Role.Supervisor, email: 'api-key@helpdesk.invalid', name: `API key: ${caller.name}` };
}
