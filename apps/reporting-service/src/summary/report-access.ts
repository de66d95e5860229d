import { Caller, isIntegration, isStaff } from '@helpdesk/contracts';

/**
 * Who may read reports: staff, and integrations whose API key holds `reports:read`. Reports are
 * organization-wide figures with no per-row scoping, so such a key reads what an admin reads.
 */
export function mayReadReports(caller: Caller): boolean {
  return isIntegration(caller) ? caller.scopes.includes('reports:read') : isStaff(caller);
}
