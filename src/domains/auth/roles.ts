export const roles = ['admin', 'marketing', 'sales_manager', 'sales_rep', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** What a caller may do; routes name one permission each. */
export type Permission =
  | 'crm:read'
  | 'crm:write'
  | 'crm:delete'
  | 'crm:merge'
  | 'funnel:move'
  | 'import'
  | 'export'
  | 'users:manage'
  | 'settings:manage'
  | 'scoring:manage'
  | 'sla:manage'
  | 'goals:manage'
  | 'campaigns:manage'
  | 'costs:read'
  | 'events:payloads'
  | 'privacy:manage'
  | 'meetings:manage'
  | 'updates:send';

const grants: Record<Role, readonly Permission[]> = {
  admin: ['crm:read', 'crm:write', 'crm:delete', 'crm:merge', 'funnel:move', 'import', 'export', 'users:manage', 'settings:manage', 'scoring:manage', 'sla:manage', 'goals:manage', 'campaigns:manage', 'costs:read', 'events:payloads', 'privacy:manage', 'meetings:manage', 'updates:send'],
  // Scoring and the MQL definition are the two teams' agreement: either side's leads may change it.
  // Goals, shares and MQL values are the agreement in money: both teams' leads set them.
  // Campaigns and their spend are marketing's budget; the raw payloads of refused tracking events
  // are how whoever tags the website finds what its code sends wrong.
  // The weekly update to sales is marketing's email: marketing (and admins) write and send it.
  // Both teams' leads run the meetings (series, presenters, notes, decisions, action items).
  marketing: ['crm:read', 'crm:write', 'crm:delete', 'crm:merge', 'funnel:move', 'import', 'export', 'scoring:manage', 'goals:manage', 'campaigns:manage', 'events:payloads', 'meetings:manage', 'updates:send'],
  // SLA policies, routing and reassignments are sales management's side of the agreement.
  // Hourly costs and calls per hour price a rep's time: pay data, for whoever manages the reps.
  sales_manager: ['crm:read', 'crm:write', 'crm:delete', 'crm:merge', 'funnel:move', 'import', 'export', 'scoring:manage', 'sla:manage', 'goals:manage', 'campaigns:manage', 'costs:read', 'meetings:manage'],
  // Limited to their own records besides (record-scope.ts).
  sales_rep: ['crm:read', 'crm:write', 'funnel:move'],
  viewer: ['crm:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (roles as readonly string[]).includes(v);
}
