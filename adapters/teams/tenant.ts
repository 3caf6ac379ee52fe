// Which Microsoft 365 tenants may use the bot. A multi-tenant app registration lets Teams users
// of any tenant write to the bot, and another tenant's directory can give its users any e-mail
// address, so an activity is served only when it comes from a tenant the configuration allows
// (MICROSOFT_APP_TENANT_ID, TEAMS_ALLOWED_TENANTS). Teams names the tenant twice, in
// `conversation.tenantId` and `channelData.tenant.id`: every tenant named must be allowed, and
// one must be named. The one exception is anonymous local mode, where the Bot Framework Emulator
// names none: without authentication a tenant id would only be a claim anyway, so an activity
// without one is let through there, while a tenant an activity does name is checked in every mode.
import type { Activity } from 'botbuilder';

/** The tenants an activity names, lower case, without repeats. */
export function activityTenants(activity: Partial<Activity>): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const named = [activity.conversation?.tenantId, channelData?.tenant?.id];
  return [...new Set(named.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim().toLowerCase()))];
}

/**
 * Whether the activity comes from an allowed tenant. `allowed` is lower case; in anonymous mode
 * an empty list allows any tenant (with authentication the configuration never leaves it empty).
 */
export function tenantAllowed(activity: Partial<Activity>, allowed: readonly string[], anonymous: boolean): { allowed: boolean; tenants: string[] } {
  const tenants = activityTenants(activity);
  if (tenants.length === 0) return { allowed: anonymous, tenants };
  if (anonymous && allowed.length === 0) return { allowed: true, tenants };
  return { allowed: tenants.every((t) => allowed.includes(t)), tenants };
}
