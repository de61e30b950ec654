// Who may do what on the meetings and weekly update pages (src/domains/auth/roles.ts grants the
// permissions; the API is the guard, these only keep buttons that would be refused out of sight).
import type { Role } from './api-types';

/** 'meetings:manage': both teams' leads run the meetings (series, presenters, notes, decisions, action items). */
export const canManageMeetings = (role: Role | null | undefined) => role === 'admin' || role === 'marketing' || role === 'sales_manager';

/** 'updates:send': the weekly update to sales is marketing's email. */
export const canSendUpdates = (role: Role | null | undefined) => role === 'admin' || role === 'marketing';
