import { describeActor, describeDetails, describeObject } from '../audit-format';
import { DataTable } from '../components/data-table';
import { Field } from '../components/field';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { Select } from '../components/select';
import { auditActionFamilies, auditActionLabel, auditActionLabels, formatDateTime } from '../format';
import { useMe, usePipelines, useStages } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { useUrlFilters } from '../use-url-filters';

// Each family ("every token change"), then its actions one by one.
const actionOptions = auditActionFamilies.flatMap((f) => [
  { value: f.value, label: `${f.label}: all` },
  ...Object.keys(auditActionLabels)
    .filter((a) => a.startsWith(`${f.value}.`))
    .map((a) => ({ value: a, label: `${f.label}: ${auditActionLabel(a)}` })),
]);

/** Who changed settings, users, tokens and goals, or erased or exported a contact, and when: for admins. */
export function AuditLogPage() {
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const filters = useUrlFilters();
  const action = filters.get('action');
  const from = filters.get('from');
  const to = filters.get('to');
  const stages = useStages();
  const pipelines = usePipelines();
  const list = useCursorList('/api/audit-log', { query: { action, from, to } }, { enabled: isAdmin });
  const filtered = Boolean(action || from || to);
  const names = {
    stage: (key: string) => stages.data?.find((s) => s.key === key)?.label,
    pipeline: (id: number) => pipelines.data?.find((p) => p.id === id)?.name,
  };

  if (me.data && !isAdmin) {
    return (
      <>
        <PageHeader title="Audit log" />
        <p className="muted">Only an admin can read the audit log.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Audit log" subtitle="Who changed settings, users, tokens and goals, or erased or exported a contact, and when. Days are the workspace's time zone." />
      <div className="toolbar window-picker" data-testid="audit-filters">
        <Field label="What happened">
          <Select name="action" value={action} onChange={(e) => filters.set('action', e.target.value)} emptyLabel="Everything" options={actionOptions} />
        </Field>
        <Field label="From">
          <input type="date" name="from" value={from} max={to || undefined} onChange={(e) => filters.set('from', e.target.value)} />
        </Field>
        <Field label="To">
          <input type="date" name="to" value={to} min={from || undefined} onChange={(e) => filters.set('to', e.target.value)} />
        </Field>
        {filtered && (
          <button type="button" className="btn" onClick={() => filters.clear()}>
            Clear filters
          </button>
        )}
      </div>
      <div className="card card-flush">
        <DataTable
          testId="audit-table"
          error={list.error}
          loading={list.isPending && isAdmin}
          columns={['When', 'Who', 'What', 'On what', 'Details']}
          empty={list.data && (filtered ? 'Nothing matches these filters.' : 'Nothing has been changed yet.')}
          rows={list.items.map((l) => (
            <tr key={l.id} data-testid="audit-row" data-action={l.action}>
              <td className="nowrap">{formatDateTime(l.at)}</td>
              <td>{describeActor(l)}</td>
              <td className="cell-main">{auditActionLabel(l.action)}</td>
              <td>{describeObject(l, names)}</td>
              <td className="muted">{describeDetails(l) || '—'}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>
    </>
  );
}
