import { useMemo } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiListPage, isUnauthenticated, type ListItem, type ListPath, type PageRequest } from './api';
import type { SessionUser } from './api-types';
import { humanize } from './format';

export const meKey = ['me'] as const;

/** The signed-in user, or null when the session is missing or expired. */
export async function fetchMe(): Promise<SessionUser | null> {
  try {
    return (await apiGet('/api/auth/me')).user;
  } catch (e) {
    if (isUnauthenticated(e)) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useStages() {
  return useQuery({
    queryKey: ['funnel-stages'],
    // Funnel stages in order, then the ones outside it (Other), whatever positions those carry.
    queryFn: async () =>
      (await apiGet('/api/funnel/stages')).data.slice().sort((a, b) => Number(b.in_funnel) - Number(a.in_funnel) || a.position - b.position),
    staleTime: 5 * 60_000,
  });
}

/** Every row of a list route, page after page at the largest page size: for pickers and lookups, not for tables. */
export async function getAllPages<P extends ListPath>(path: P, req: PageRequest<P>, signal?: AbortSignal): Promise<ListItem<P>[]> {
  const rows: ListItem<P>[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiListPage(path, req, { limit: 500, cursor }, signal);
    rows.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return rows;
}

/** The whole team, for pickers and names (the users table in settings reads a page at a time). */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => getAllPages('/api/users', {}, signal),
    staleTime: 60_000,
  });
}

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: async () => (await apiGet('/api/pipelines')).data,
    staleTime: 5 * 60_000,
  });
}

export function useProperties(objectType: 'contact' | 'company' | 'deal') {
  return useQuery({
    queryKey: ['properties', objectType],
    queryFn: async () => (await apiGet('/api/properties', { params: { query: { object_type: objectType } } })).data,
    staleTime: 5 * 60_000,
  });
}

/** What reports can be split by, each labelled as the reports label it: the server's one list. */
export function useDimensionChoices() {
  return useQuery({
    queryKey: ['/api/reports/dimensions'],
    queryFn: async ({ signal }) => (await apiGet('/api/reports/dimensions', { signal })).data,
    staleTime: 5 * 60_000,
  });
}

export const segmentsKey = ['/api/settings/segments'] as const;

/** The workspace's company segments in order, with their labels and how many records use each. */
export function useSegments() {
  return useQuery({
    queryKey: segmentsKey,
    queryFn: ({ signal }) => apiGet('/api/settings/segments', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** A segment key as people read it: its label in the workspace's list (a key no longer listed reads as words). */
export function useSegmentLabel(): (key: string | null | undefined) => string {
  const segments = useSegments();
  return useMemo(() => {
    const labels = new Map((segments.data?.segments ?? []).map((s) => [s.key, s.label]));
    return (key) => (key ? (labels.get(key) ?? humanize(key)) : '—');
  }, [segments.data]);
}

export const workspaceSettingsKey = ['/api/settings/workspace'] as const;

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: workspaceSettingsKey,
    queryFn: ({ signal }) => apiGet('/api/settings/workspace', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** After the workspace's time zone changes: every report counts its days and months anew. */
export function invalidateReports(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return typeof k === 'string' && (k.startsWith('/api/reports') || k === '/api/funnel');
    },
  });
}

export const scoringModelKey = ['/api/scoring/model'] as const;
export const mqlDefinitionKey = ['/api/scoring/mql-definition'] as const;

export function useScoringModel() {
  return useQuery({
    queryKey: scoringModelKey,
    queryFn: ({ signal }) => apiGet('/api/scoring/model', { signal }),
    staleTime: 60_000,
  });
}

export function useMqlDefinition() {
  return useQuery({
    queryKey: mqlDefinitionKey,
    queryFn: ({ signal }) => apiGet('/api/scoring/mql-definition', { signal }),
    staleTime: 60_000,
  });
}

/** The fields, events and assets scoring rules and MQL conditions may name: what the pickers offer. */
export function useScoringVocabulary() {
  return useQuery({
    queryKey: ['/api/scoring/vocabulary'],
    queryFn: ({ signal }) => apiGet('/api/scoring/vocabulary', { signal }),
    staleTime: 60_000,
  });
}

/** key → label lookup for lifecycle stages, falling back to the key while stages load. */
export function useStageLabel(): (key: string | null | undefined) => string {
  const { data } = useStages();
  return (key) => {
    if (!key) return '—';
    return data?.find((s) => s.key === key)?.label ?? key;
  };
}

export const rescoreStatusKey = ['/api/scoring/rescore'] as const;

/** How far the background rescore has got; polls every second while contacts are still queued. */
export function useRescoreStatus() {
  return useQuery({
    queryKey: rescoreStatusKey,
    // count(*) may arrive as a string from some drivers.
    queryFn: async ({ signal }) => {
      const s = await apiGet('/api/scoring/rescore', { signal });
      return { pending: Number(s.pending), contacts: Number(s.contacts) } satisfies import('./api-types').RescoreStatus;
    },
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 1000 : false),
    refetchIntervalInBackground: false,
  });
}

/** Roles that watch the team's SLA, reassign leads and edit SLA policies and routing rules. */
export const salesManagerRoles = ['admin', 'sales_manager'] as const;
export const isSalesManager = (role: string | null | undefined) => role === 'admin' || role === 'sales_manager';

/** Roles that create campaigns and set their spend (the marketing budget). */
export const canManageCampaigns = (role: string | null | undefined) => role === 'admin' || role === 'marketing' || role === 'sales_manager';

/** 'crm:merge' (src/domains/auth/roles.ts): merging two records into one. */
export const canMergeRecords = (role: string | null | undefined) => role === 'admin' || role === 'marketing' || role === 'sales_manager';

/**
 * Whether the signed-in user may change a record with this owner: a viewer nothing, a sales rep
 * only what they own. The API is the guard; this only keeps buttons that would be refused away.
 */
export function canChangeRecord(me: SessionUser | null | undefined, ownerId: number | null | undefined): boolean {
  if (!me || me.role === 'viewer') return false;
  return me.role !== 'sales_rep' || (me.id !== null && ownerId === me.id);
}

// One alert list per user, and the unread ones for the bell's count; the API caps a page at 500.
export const alertsKey = ['/api/alerts'] as const;

/** The signed-in user's unread alerts (the first 500: the bell shows 99+ past 99), polled every 30 s for the bell. */
export function useUnreadAlerts(enabled: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'unread'],
    queryFn: ({ signal }) => apiGet('/api/alerts', { params: { query: { unread: 'true', limit: 500 } }, signal }),
    enabled,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}

/** After an accept, reject, assignment or activity: every SLA list, report and the alerts are re-read. */
export function invalidateSales(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return typeof k === 'string' && (k.startsWith('/api/sla') || k === '/api/reports/sla' || k === '/api/reports/sales-dashboard' || k === '/api/alerts');
    },
  });
}

export const dealReasonsKey = ['/api/settings/deal-reasons'] as const;

/** The workspace's win and lost reasons, each list in order, with how many deals carry each. */
export function useDealReasons() {
  return useQuery({
    queryKey: dealReasonsKey,
    queryFn: ({ signal }) => apiGet('/api/settings/deal-reasons', { signal }),
    staleTime: 5 * 60_000,
  });
}
