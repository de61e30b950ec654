import type { AuditLine } from './api-types';
import { auditObjectLabels, formatMoney, formatNumber, formatPercent, formatPeriod, humanize } from './format';

const quoted = (s: unknown) => `“${String(s)}”`;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v : []);

/** Who acted: a person by name; a token, the command line or Revloop itself otherwise. */
export function describeActor(l: AuditLine): string {
  // API tokens act as "token:<name>"; the CLI as "cli:<operating-system account>".
  const token = l.actor_name?.startsWith('token:') ? l.actor_name.slice('token:'.length) : null;
  if (l.actor_type === 'api') return l.actor_user_name ? `${l.actor_user_name} (API token ${quoted(token ?? '')})` : `API token ${quoted(token ?? '')}`;
  if (l.actor_type === 'user') return l.actor_user_name ?? l.actor_name ?? 'A former user';
  if (l.actor_id === 'cli') {
    const account = l.actor_name?.startsWith('cli:') ? l.actor_name.slice('cli:'.length) : null;
    return account ? `Command line (${account})` : 'Command line';
  }
  if (l.actor_type === 'import') return 'Import';
  if (l.actor_type === 'rule') return 'Automation';
  return 'Revloop';
}

/** What the line is about, by name where there is one: a user, a token, a goal's period. */
export function describeObject(l: AuditLine, names: { stage?: (key: string) => string | undefined; pipeline?: (id: number) => string | undefined } = {}): string {
  const d = l.details;
  const kind = l.object_type ? (auditObjectLabels[l.object_type] ?? humanize(l.object_type)) : null;
  switch (l.object_type) {
    case null:
    case 'setting':
      return '—';
    case 'user':
    case 'token':
    case 'write_key':
      return l.object_name ? `${kind} ${quoted(l.object_name)}` : (kind ?? '—');
    case 'stage':
      return `${kind} ${quoted(names.stage?.(l.object_id ?? '') ?? str(d.label) ?? humanize(l.object_id))}`;
    case 'pipeline': {
      const name = names.pipeline?.(Number(l.object_id));
      return name ? `${kind} ${quoted(name)}` : (kind ?? '—');
    }
    case 'property':
      return `${humanize(str(d.object_type))} property ${quoted(str(d.label) ?? str(d.name) ?? '')}`;
    case 'webhook':
      return str(d.host) ? `${kind} to ${str(d.host)}` : (kind ?? '—');
    case 'scoring_model':
    case 'mql_definition':
      return `${kind}, version ${l.object_id}`;
    case 'goal':
    case 'quota':
      return `${kind}, ${formatPeriod(l.object_id ?? '')}`;
    case 'mql_value':
      return `${kind}, ${humanize(l.object_id)}`;
    case 'contact':
      return `${kind} #${l.object_id}`;
    default:
      return kind ?? '—';
  }
}

/** The change in words (the server keeps ids, counts and setting names only, never a contact's data). */
export function describeDetails(l: AuditLine): string {
  const d = l.details;
  switch (l.action) {
    case 'settings.workspace':
      return str(d.time_zone) ? `Time zone ${str(d.time_zone)}` : '';
    case 'settings.stage':
      return [str(d.label) && `Name ${quoted(d.label)}`, str(d.description) !== null && 'description changed'].filter(Boolean).join(', ');
    case 'settings.pipeline':
      return `${formatNumber(list(d.stages).length)} stages`;
    case 'settings.property':
      return str(d.type) ? `Type: ${humanize(str(d.type))}` : '';
    case 'settings.sla_policies':
      return `${formatNumber(list(d.policies).length)} policies`;
    case 'settings.routing_rules':
      return `${formatNumber(list(d.rules).length)} rules${str(d.fallback_team) ? `, others to ${str(d.fallback_team)}` : ''}`;
    case 'webhook.created':
      return list(d.kinds).length ? `Alerts: ${list(d.kinds).map((k) => humanize(String(k))).join(', ')}` : 'All alerts';
    case 'user.created':
      return `As ${humanize(str(d.role))}`;
    case 'user.role_changed':
      return `${humanize(str(d.from))} → ${humanize(str(d.to))}`;
    case 'user.updated':
      return list(d.fields).map((f) => humanize(String(f))).join(', ');
    case 'token.created':
    case 'token.revoked':
      return `Role: ${humanize(str(d.role))}`;
    // The name or host is in "On what" already.
    case 'write_key.created':
    case 'write_key.revoked':
    case 'webhook.deleted':
      return '';
    case 'goal.set':
      return [num(d.revenue_goal) !== null && `Revenue ${formatMoney(num(d.revenue_goal))}`, num(d.marketing_sourced_share) !== null && `marketing sources ${formatPercent(num(d.marketing_sourced_share))}`]
        .filter(Boolean)
        .join(', ');
    case 'quota.set':
      return `${formatNumber(list(d.quotas).length)} quotas`;
    case 'settings.mql_definition':
      return [num(d.version) !== null && `Version ${formatNumber(num(d.version))}`, str(d.apply) === 'new_activity' ? 'applies to new activity only' : str(d.apply) === 'everyone' && 'everyone re-evaluated']
        .filter(Boolean)
        .join(', ');
    case 'mql_value.set':
      return formatMoney(num(d.value));
    default:
      // Lines written elsewhere (erase, export) carry counts and names of what they touched.
      return Object.entries(d)
        .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
        .map(([k, v]) => `${humanize(k)}: ${typeof v === 'number' ? formatNumber(v) : String(v)}`)
        .join(', ');
  }
}
