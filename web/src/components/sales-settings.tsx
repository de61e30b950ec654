import { Fragment, useState, type FormEvent } from 'react';
import { JsonToggle } from './json-toggle';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiDelete, apiGet, apiPost, type ApiAnswer } from '../api';
import { webhookEvents, type Role } from '../api-types';
import { formatDateTime, formatNumber, humanize, webhookEventLabel } from '../format';
import { isSalesManager } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { DataTable } from './data-table';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { JsonSettingEditor } from './json-setting-editor';
import { LoadMore } from './load-more';
import { RoutingRulesForm } from './routing-rules-form';
import { SlaPoliciesForm } from './sla-policies-form';
import { Loading } from './loading';
import { SecretOnce } from './secret-once';
import { StatusPill } from './status-pill';
import { TableCard } from './table-card';

const policiesPath = '/api/sla/policies';
const rulesPath = '/api/routing/rules';

/** SLA policies and routing rules are bare JSON documents (no versions); the editor is given them as version 0. */
function useJsonDocument<P extends typeof policiesPath | typeof rulesPath>(path: P) {
  return useQuery({
    queryKey: [path],
    // Each path answers its own document; the generic lets each form be given the one it edits.
    queryFn: async ({ signal }) => ({ version: 0, value: (await apiGet(path as typeof policiesPath | typeof rulesPath, { signal })) as ApiAnswer<P, 'get'>, created_at: null }),
    staleTime: 60_000,
  });
}

/** Who gets a new MQL and how fast they must act: sales managers and admins edit both. */
export function SalesSlaSettings({ role }: { role: Role | undefined }) {
  const canEdit = isSalesManager(role);
  const policies = useJsonDocument(policiesPath);
  const rules = useJsonDocument(rulesPath);
  const [policiesAsJson, setPoliciesAsJson] = useState(false);
  const [rulesAsJson, setRulesAsJson] = useState(false);

  return (
    <section className="card" data-testid="sla-settings">
      <h2 className="card-title">Sales SLA and lead routing</h2>
      <p className="muted card-note">
        Policies set how fast a new MQL must be touched and how many attempts it gets; the first policy whose match holds applies and the last must match every
        lead. Routing rules send leads to a team, then round-robin among its available reps.
        {!canEdit && ' Only an admin or a sales manager can change them.'}
      </p>
      <h3 className="subhead">SLA policies</h3>
      {policies.isError && <ErrorMessage error={policies.error} />}
      {policies.isPending && <Loading />}
      {policies.data &&
        (canEdit ? (
          <>
            <JsonToggle asJson={policiesAsJson} onToggle={setPoliciesAsJson} testId="policies-as-json" />
            {policiesAsJson ? (
              <JsonSettingEditor path={policiesPath} setting={policies.data} label="SLA policies (JSON)" testId="sla-policies-editor" unversioned />
            ) : (
              <SlaPoliciesForm policies={policies.data.value} />
            )}
          </>
        ) : (
          <SlaPoliciesForm policies={policies.data.value} readOnly />
        ))}
      <h3 className="subhead">Routing rules</h3>
      {rules.isError && <ErrorMessage error={rules.error} />}
      {rules.isPending && <Loading />}
      {rules.data &&
        (canEdit ? (
          <>
            <JsonToggle asJson={rulesAsJson} onToggle={setRulesAsJson} testId="rules-as-json" />
            {rulesAsJson ? (
              <JsonSettingEditor path={rulesPath} setting={rules.data} label="Routing rules (JSON)" testId="routing-rules-editor" unversioned />
            ) : (
              <RoutingRulesForm rules={rules.data.value} />
            )}
          </>
        ) : (
          <RoutingRulesForm rules={rules.data.value} readOnly />
        ))}
    </section>
  );
}

const webhooksKey = ['/api/webhooks'] as const;

/** Webhooks get every event of the catalogue (or those chosen) as a signed POST; the secret is shown once. */
export function WebhooksCard() {
  const queryClient = useQueryClient();
  const hooks = useCursorList(webhooksKey[0], {});
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [openLog, setOpenLog] = useState<number | null>(null);
  const add = useMutation({
    mutationFn: (body: { url: string; kinds?: string[] }) => apiPost('/api/webhooks', { body }),
    onSuccess: () => {
      setUrl('');
      setKinds([]);
      return queryClient.invalidateQueries({ queryKey: webhooksKey });
    },
  });
  const disable = useMutation({
    mutationFn: (id: number) => apiDelete('/api/webhooks/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ url: url.trim(), ...(kinds.length ? { kinds } : {}) });
  };
  const toggleKind = (k: string) => setKinds((ks) => (ks.includes(k) ? ks.filter((x) => x !== k) : [...ks, k]));

  return (
    <TableCard
      title="Webhooks"
      note={
        <>
          Events (stage changes, handoffs, SLA alerts, rejections, recycles) are POSTed as JSON, signed with <code>x-revloop-signature</code> (HMAC-SHA256 of the
          timestamp and body with the webhook&apos;s secret), and retried with backoff. The webhooks page of the documentation lists every event with an example.
        </>
      }
      testId="webhooks"
    >
      <ErrorMessage error={hooks.error} />
      <ErrorMessage error={disable.error} />
      <DataTable
        testId="webhooks-table"
        loading={hooks.isPending}
        columns={['URL', 'Events', 'Status', 'Created', '']}
        // Without the list (it failed to load) there is no telling whether it is empty.
        empty={hooks.isSuccess ? 'No webhooks yet.' : undefined}
        rows={hooks.items.map((h) => (
          <Fragment key={h.id}>
            <tr data-testid="webhook-row">
              <td className="cell-main">{h.url}</td>
              <td>{h.kinds?.length ? h.kinds.map(webhookEventLabel).join(', ') : <span className="muted">All</span>}</td>
              <td>
                <StatusPill value={h.active ? 'active' : 'inactive'} />
              </td>
              <td className="nowrap">{formatDateTime(h.created_at)}</td>
              <td>
                <div className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setOpenLog(openLog === h.id ? null : h.id)} aria-expanded={openLog === h.id}>
                    Deliveries
                  </button>
                  {h.active && (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => disable.mutate(h.id)} disabled={disable.isPending}>
                      Disable
                    </button>
                  )}
                </div>
              </td>
            </tr>
            {openLog === h.id && (
              <tr>
                <td colSpan={5} className="sub-row">
                  <DeliveryLog webhookId={h.id} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      />
      <LoadMore hasNextPage={hooks.hasNextPage} isFetchingNextPage={hooks.isFetchingNextPage} fetchNextPage={hooks.fetchNextPage} label="Show more" />
      <div className="card-section">
        <h3 className="subhead">Add a webhook</h3>
        {add.isSuccess && (
          <SecretOnce
            testId="webhook-secret"
            message="Webhook added. Copy its signing secret now (receivers check each call's signature with it): it is not shown again."
            secret={add.data.secret}
            copyLabel="Copy secret"
          />
        )}
        <form className="form" onSubmit={submit} data-testid="webhook-form">
          <ErrorMessage error={add.error} shownFields={['url', 'kinds']} />
          <Field label="URL" name="url" error={add.error}>
            <input name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/revloop" required />
          </Field>
          <fieldset className="field checkbox-group">
            <legend className="field-label">Events to send (none ticked: all)</legend>
            {webhookEvents.map((k) => (
              <label key={k} className="checkbox">
                <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggleKind(k)} /> {webhookEventLabel(k)}
              </label>
            ))}
          </fieldset>
          <FormActions label="Add webhook" pendingLabel="Adding…" pending={add.isPending} disabled={!url.trim()} />
        </form>
      </div>
    </TableCard>
  );
}

function DeliveryLog({ webhookId }: { webhookId: number }) {
  // Grouped under the webhooks' key: adding or disabling a webhook re-reads its log too.
  const log = useCursorList('/api/webhooks/{id}/deliveries', { path: { id: webhookId } }, { keyPrefix: webhooksKey[0] });
  if (log.isError) return <ErrorMessage error={log.error} />;
  if (log.isPending) return <Loading />;
  if (log.items.length === 0) return <p className="muted small">Nothing sent to this webhook yet.</p>;
  return (
    <>
    <table className="table summary-table" data-testid="webhook-deliveries">
      <thead>
        <tr>
          <th>Event</th>
          <th>Status</th>
          <th className="num">Attempts</th>
          <th>Log</th>
          <th>Next try</th>
        </tr>
      </thead>
      <tbody>
        {log.items.map((d) => (
          <tr key={d.id}>
            <td>
              {webhookEventLabel(d.event)}
              <div className="cell-sub">{formatDateTime(d.created_at)}</div>
            </td>
            <td>
              <span className={`pill delivery-${d.status}`}>{humanize(d.status)}</span>
            </td>
            <td className="num">{formatNumber(d.attempts)}</td>
            <td>
              {d.log.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="delivery-log">
                  {d.log.map((x, i) => (
                    <li key={i} className={x.ok ? undefined : 'delivery-failed'}>
                      {formatDateTime(x.at)} · {x.status_code ?? 'no response'}
                      {x.duration_ms !== null && ` · ${formatNumber(x.duration_ms)} ms`}
                      {x.error && ` · ${x.error}`}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="nowrap">{d.status === 'pending' ? formatDateTime(d.next_attempt_at) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <LoadMore hasNextPage={log.hasNextPage} isFetchingNextPage={log.isFetchingNextPage} fetchNextPage={log.fetchNextPage} label="Show more" />
    </>
  );
}

/** Alert emails are kept here while no SMTP server is configured. */
export function OutboxCard() {
  const outbox = useCursorList('/api/outbox', {});
  return (
    <TableCard title="Outbox" note="Alert emails kept because no SMTP server is configured; newest first." testId="outbox">
      <DataTable
        testId="outbox-table"
        error={outbox.error}
        loading={outbox.isPending}
        columns={['To', 'Subject', 'Alert', 'Kept']}
        empty={outbox.isSuccess ? 'The outbox is empty.' : undefined}
        rows={outbox.items.map((m) => (
          <tr key={m.id} data-testid="outbox-row">
            <td>{m.to}</td>
            <td>
              <details className="disclosure">
                <summary>{m.contact_id ? <Link to={`/contacts/${m.contact_id}`}>{m.subject}</Link> : m.subject}</summary>
                <div className="small">{m.body}</div>
              </details>
            </td>
            <td>{humanize(m.kind)}</td>
            <td className="nowrap">{formatDateTime(m.created_at)}</td>
          </tr>
        ))}
      />
      <LoadMore hasNextPage={outbox.hasNextPage} isFetchingNextPage={outbox.isFetchingNextPage} fetchNextPage={outbox.fetchNextPage} label="Show more" />
    </TableCard>
  );
}
