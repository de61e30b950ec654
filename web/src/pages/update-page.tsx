import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet, apiPatch, apiPost, isApiError } from '../api';
import type { ApiBody, ApiItem, ApiResponse } from '../api-shapes';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { Modal } from '../components/modal';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { TableCard } from '../components/table-card';
import {
  deliveryStatusLabels, formatDate, formatDateTime, formatNumber, formatPercent, labelOf, promotionKindLabels, updateLinkSectionLabels, updateStatusLabels,
} from '../format';
import { useMe, useUsers } from '../queries';
import { canSendUpdates } from '../ritual-roles';
import { updatesKey, weekOf } from './updates-page';

type WeeklyUpdate = ApiResponse<'/api/updates/{id}', 'get'>;
type Promotion = ApiItem<WeeklyUpdate['promotions']>;
type ProductUpdate = ApiItem<WeeklyUpdate['product_updates']>;
type UpdateReport = ApiResponse<'/api/updates/{id}/report', 'get'>;
type Patch = ApiBody<'/api/updates/{id}', 'patch'>;
type SendResult = ApiResponse<'/api/updates/{id}/send', 'post'>;

/** The parts of a draft the composer edits. */
interface Draft {
  subject: string;
  intro: string;
  promotions: Promotion[];
  lead_sources: string;
  product_updates: ProductUpdate[];
}

const draftOf = (u: WeeklyUpdate): Draft => ({ subject: u.subject, intro: u.intro, promotions: u.promotions, lead_sources: u.lead_sources, product_updates: u.product_updates });

/** What the API takes back: a blank address is none, and expectations are the server's to compute. */
function patchOf(d: Draft): Patch {
  return {
    subject: d.subject,
    intro: d.intro,
    lead_sources: d.lead_sources,
    promotions: d.promotions.map((p) => ({ kind: p.kind, ref_id: p.ref_id, title: p.title, excerpt: p.excerpt, url: p.url?.trim() || null, starts_on: p.starts_on })),
    product_updates: d.product_updates.map((p) => ({ title: p.title, body: p.body, url: p.url?.trim() || null })),
  };
}

/** A draft's composer, or a sent update's report. */
export function UpdatePage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const update = useQuery({
    queryKey: [updatesKey, id],
    queryFn: ({ signal }) => apiGet('/api/updates/{id}', { params: { path: { id } }, signal }),
    enabled: valid,
  });
  const notFound = !valid || (isApiError(update.error) && update.error.status === 404);
  if (notFound) {
    return (
      <>
        <PageHeader title="Weekly update" />
        <section className="card empty">
          <p>This update does not exist.</p>
          <Link to="/updates" className="btn">
            Back to the updates
          </Link>
        </section>
      </>
    );
  }
  if (update.isError) return <ErrorMessage error={update.error} />;
  if (update.isPending) return <Loading />;
  const u = update.data;
  return (
    <>
      <div className="breadcrumb no-print">
        <Link to="/updates">Weekly update to sales</Link>
      </div>
      <PageHeader
        title={u.subject}
        subtitle={
          <span className="header-meta">
            <span>{weekOf(u.week_start)}</span>
            <span className={`pill update-${u.status}`} data-testid="update-status" data-status={u.status}>
              {labelOf(updateStatusLabels, u.status)}
            </span>
            {u.sent_at && <span>Sent {formatDateTime(u.sent_at)}</span>}
          </span>
        }
      />
      {u.status === 'draft' ? <Composer update={u} /> : <Report update={u} />}
    </>
  );
}

// ---------- Composer ----------

function Composer({ update }: { update: WeeklyUpdate }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const canEdit = canSendUpdates(me.data?.role);
  const [draft, setDraft] = useState<Draft>(() => draftOf(update));
  const [preview, setPreview] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [recipients, setRecipients] = useState<'team' | 'chosen'>('team');
  const [chosen, setChosen] = useState<number[]>([]);
  const saved = useMemo(() => JSON.stringify(patchOf(draftOf(update))), [update]);
  const dirty = JSON.stringify(patchOf(draft)) !== saved;

  const save = useMutation({
    mutationFn: () => apiPatch('/api/updates/{id}', { params: { path: { id: update.id } }, body: patchOf(draft) }),
    onSuccess: (next) => {
      // The server fills in what it works out (a new promotion's link, excerpt and expected leads).
      setDraft(draftOf(next));
      queryClient.setQueryData([updatesKey, update.id], next);
      void queryClient.invalidateQueries({ queryKey: [updatesKey], predicate: (q) => q.queryKey[1] !== update.id });
    },
  });
  const send = useMutation({
    mutationFn: async (): Promise<SendResult> => {
      // What is sent is what the composer shows: unsaved edits are saved first.
      if (dirty) await apiPatch('/api/updates/{id}', { params: { path: { id: update.id } }, body: patchOf(draft) });
      return apiPost('/api/updates/{id}/send', { params: { path: { id: update.id } }, body: recipients === 'chosen' ? { user_ids: chosen } : {} });
    },
    onSuccess: (result) => {
      setConfirm(false);
      queryClient.setQueryData(['send-result', update.id], result);
      void queryClient.invalidateQueries({ queryKey: [updatesKey] });
    },
  });

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setPromotion = (i: number, p: Partial<Promotion>) => set('promotions', draft.promotions.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setProduct = (i: number, p: Partial<ProductUpdate>) => set('product_updates', draft.product_updates.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const fieldError = save.error ?? send.error;
  // Problems of the fields shown here appear under them (the API names list items "promotions.0.url").
  const shownFields = [
    'subject', 'intro', 'lead_sources', 'user_ids',
    ...draft.promotions.flatMap((_, i) => ['title', 'excerpt', 'url'].map((f) => `promotions.${i}.${f}`)),
    ...draft.product_updates.flatMap((_, i) => ['title', 'body', 'url'].map((f) => `product_updates.${i}.${f}`)),
  ];

  return (
    <form onSubmit={submit} noValidate data-testid="update-composer">
      <ErrorMessage error={fieldError} shownFields={shownFields} />
      <section className="card">
        <h2 className="card-title">Subject and introduction</h2>
        <div className="form">
          <Field label="Subject" name="subject" error={fieldError}>
            <input name="subject" value={draft.subject} onChange={(e) => set('subject', e.target.value)} disabled={!canEdit} required />
          </Field>
          <Field label="Introduction" name="intro" error={fieldError} hint="A line or two above the promotions.">
            <textarea name="intro" rows={3} value={draft.intro} onChange={(e) => set('intro', e.target.value)} disabled={!canEdit} />
          </Field>
        </div>
      </section>

      <section className="card" data-testid="composer-promotions">
        <div className="card-head">
          <h2 className="card-title">Promotions</h2>
          {canEdit && <AddPromotion existing={draft.promotions} onAdd={(p) => set('promotions', [...draft.promotions, p])} />}
        </div>
        <p className="muted card-note">This week&apos;s and next week&apos;s campaigns and the week&apos;s best content, with the new leads each is expected to bring.</p>
        {draft.promotions.length === 0 && (
          <p className="muted" data-testid="promotions-empty">
            No promotion in this issue. Add a campaign or a piece of content above.
          </p>
        )}
        {draft.promotions.map((p, i) => (
          <div key={`${p.kind}-${p.ref_id}`} className="composer-item" data-testid="composer-promotion">
            <div className="composer-item-head">
              <span className="muted small">
                {labelOf(promotionKindLabels, p.kind)}
                {p.starts_on && ` · starts ${formatDate(p.starts_on)}`}
              </span>
              {canEdit && (
                <button type="button" className="btn btn-small" onClick={() => set('promotions', draft.promotions.filter((_, j) => j !== i))} data-testid="remove-promotion">
                  Remove
                </button>
              )}
            </div>
            <div className="form">
              <Field label="Title" name={`promotions.${i}.title`} error={fieldError}>
                <input name="promotion_title" value={p.title} onChange={(e) => setPromotion(i, { title: e.target.value })} disabled={!canEdit} />
              </Field>
              <Field label="Excerpt" name={`promotions.${i}.excerpt`} error={fieldError}>
                <textarea name="promotion_excerpt" rows={2} value={p.excerpt} onChange={(e) => setPromotion(i, { excerpt: e.target.value })} disabled={!canEdit} />
              </Field>
              <Field label="Link" name={`promotions.${i}.url`} error={fieldError} hint="Where reps can see it, e.g. https://example.com/webinar">
                <input name="promotion_url" type="url" value={p.url ?? ''} onChange={(e) => setPromotion(i, { url: e.target.value })} disabled={!canEdit} />
              </Field>
            </div>
            <div className="cell-sub" data-testid="promotion-expected">
              {p.expected_leads === null ? `Expected new leads: unknown (${p.expected_basis})` : `Expected: about ${formatNumber(p.expected_leads)} new leads (${p.expected_basis})`}
            </div>
          </div>
        ))}
      </section>

      <section className="card">
        <h2 className="card-title">Where new leads will come from</h2>
        <Field label="In a few lines" name="lead_sources" error={fieldError}>
          <textarea name="lead_sources" rows={4} value={draft.lead_sources} onChange={(e) => set('lead_sources', e.target.value)} disabled={!canEdit} />
        </Field>
      </section>

      <section className="card" data-testid="composer-products">
        <div className="card-head">
          <h2 className="card-title">Product updates</h2>
          {canEdit && (
            <button type="button" className="btn btn-small" onClick={() => set('product_updates', [...draft.product_updates, { title: '', body: '', url: null }])} data-testid="add-product-update">
              Add a product update
            </button>
          )}
        </div>
        {draft.product_updates.length === 0 && <p className="muted">No product news this week. Add an item for anything new that reps should know about.</p>}
        {draft.product_updates.map((p, i) => (
          <div key={i} className="composer-item" data-testid="composer-product">
            <div className="composer-item-head">
              <span className="muted small">Item {i + 1}</span>
              {canEdit && (
                <button type="button" className="btn btn-small" onClick={() => set('product_updates', draft.product_updates.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </div>
            <div className="form">
              <Field label="Title" name={`product_updates.${i}.title`} error={fieldError}>
                <input name="product_title" value={p.title} onChange={(e) => setProduct(i, { title: e.target.value })} disabled={!canEdit} />
              </Field>
              <Field label="What changed" name={`product_updates.${i}.body`} error={fieldError}>
                <textarea name="product_body" rows={2} value={p.body} onChange={(e) => setProduct(i, { body: e.target.value })} disabled={!canEdit} />
              </Field>
              <Field label="Link" name={`product_updates.${i}.url`} error={fieldError}>
                <input name="product_url" type="url" value={p.url ?? ''} onChange={(e) => setProduct(i, { url: e.target.value })} disabled={!canEdit} />
              </Field>
            </div>
          </div>
        ))}
      </section>

      {canEdit && (
        <section className="card" data-testid="composer-recipients">
          <h2 className="card-title">Recipients</h2>
          <Recipients mode={recipients} onMode={setRecipients} chosen={chosen} onChosen={setChosen} error={fieldError} />
        </section>
      )}

      <div className="button-row no-print">
        {canEdit && (
          <button type="submit" className="btn" disabled={!dirty || save.isPending} data-testid="save-draft">
            {save.isPending ? 'Saving…' : dirty ? 'Save draft' : 'Draft saved'}
          </button>
        )}
        <button type="button" className="btn" onClick={() => setPreview(true)} data-testid="preview-update">
          Preview
        </button>
        {canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setConfirm(true)} disabled={recipients === 'chosen' && chosen.length === 0} data-testid="send-update">
            Send…
          </button>
        )}
      </div>

      {preview && (
        <Modal title="Preview" onClose={() => setPreview(false)}>
          <UpdateContent update={{ ...update, ...draft }} testId="update-preview" />
        </Modal>
      )}
      {confirm && (
        <Modal title="Send the update" onClose={() => setConfirm(false)}>
          <ConfirmSend
            subject={draft.subject}
            recipients={recipients === 'team' ? null : chosen.length}
            pending={send.isPending}
            error={send.error}
            onSend={() => send.mutate()}
            onCancel={() => setConfirm(false)}
          />
        </Modal>
      )}
    </form>
  );
}

/** Campaigns, and the content, webinars and forms seen this month: what a promotion can point at. */
function AddPromotion({ existing, onAdd }: { existing: Promotion[]; onAdd: (p: Promotion) => void }) {
  const campaigns = useQuery({ queryKey: ['/api/campaigns', 'promotable'], queryFn: ({ signal }) => apiGet('/api/campaigns', { params: { query: { limit: 500 } }, signal }) });
  const assets = useQuery({ queryKey: ['/api/reports/assets', 'promotable'], queryFn: ({ signal }) => apiGet('/api/reports/assets', { params: { query: { limit: 100 } }, signal }) });
  const taken = new Set(existing.map((p) => `${p.kind}:${p.ref_id}`));
  const groups = [
    { label: 'Campaigns', kind: 'campaign' as const, items: (campaigns.data?.data ?? []).map((c) => ({ id: c.id, name: c.name, starts_on: c.starts_on })) },
    { label: 'Content', kind: 'asset' as const, items: (assets.data?.content ?? []).map((a) => ({ id: a.id, name: a.name ?? a.key, starts_on: null })) },
    { label: 'Webinars', kind: 'asset' as const, items: (assets.data?.webinars ?? []).map((a) => ({ id: a.id, name: a.name ?? a.key, starts_on: null })) },
    { label: 'Forms', kind: 'asset' as const, items: (assets.data?.forms ?? []).map((a) => ({ id: a.id, name: a.name ?? a.key, starts_on: null })) },
  ].map((g) => ({ ...g, items: g.items.filter((i) => !taken.has(`${g.kind}:${i.id}`)) }));
  const pick = (value: string) => {
    const [kind, id] = value.split(':') as ['campaign' | 'asset', string];
    const item = groups.flatMap((g) => (g.kind === kind ? g.items : [])).find((i) => i.id === Number(id));
    if (!item) return;
    // The server works out the excerpt's default, the link and the expected leads when the draft is saved.
    onAdd({ kind, ref_id: item.id, title: item.name, excerpt: '', url: null, starts_on: item.starts_on, expected_leads: null, expected_basis: 'worked out when the draft is saved' });
  };
  return (
    <div className="inline-form">
      <ErrorMessage error={campaigns.error ?? assets.error} />
      <select aria-label="Add a promotion" value="" onChange={(e) => pick(e.target.value)} data-testid="add-promotion" disabled={campaigns.isPending && assets.isPending}>
        <option value="">Add a promotion…</option>
        {groups.map(
          (g) =>
            g.items.length > 0 && (
              <optgroup key={g.label} label={g.label}>
                {g.items.map((i) => (
                  <option key={i.id} value={`${g.kind}:${i.id}`}>
                    {i.name}
                  </option>
                ))}
              </optgroup>
            ),
        )}
      </select>
    </div>
  );
}

interface RecipientsProps {
  mode: 'team' | 'chosen';
  onMode: (m: 'team' | 'chosen') => void;
  chosen: number[];
  onChosen: (ids: number[]) => void;
  error: unknown;
}

function Recipients({ mode, onMode, chosen, onChosen, error }: RecipientsProps) {
  const users = useUsers();
  const active = (users.data ?? []).filter((u) => u.active && u.email);
  const sales = active.filter((u) => u.role === 'sales_rep' || u.role === 'sales_manager');
  const toggle = (id: number) => onChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <div className="form">
      <label className="checkbox">
        <input type="radio" name="recipients" checked={mode === 'team'} onChange={() => onMode('team')} data-testid="recipients-team" /> The whole sales team
        {users.data && ` (${formatNumber(sales.length)} ${sales.length === 1 ? 'person' : 'people'}: every active sales rep and sales manager)`}
      </label>
      <label className="checkbox">
        <input type="radio" name="recipients" checked={mode === 'chosen'} onChange={() => onMode('chosen')} data-testid="recipients-chosen" /> Only the people I choose
      </label>
      {mode === 'chosen' && (
        <Field label="Send to" name="user_ids" error={error}>
          <div className="checkbox-group" data-testid="recipient-choices">
            {users.isPending && <Loading />}
            {active.map((u) => (
              <label key={u.id} className="checkbox">
                <input type="checkbox" checked={chosen.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name}
              </label>
            ))}
          </div>
        </Field>
      )}
    </div>
  );
}

interface ConfirmSendProps {
  subject: string;
  /** null: the whole sales team. */
  recipients: number | null;
  pending: boolean;
  error: unknown;
  onSend: () => void;
  onCancel: () => void;
}

function ConfirmSend({ subject, recipients, pending, error, onSend, onCancel }: ConfirmSendProps) {
  return (
    <div className="form" data-testid="confirm-send">
      <ErrorMessage error={error} />
      <p>
        Send “{subject}” to {recipients === null ? 'the whole sales team' : `${formatNumber(recipients)} ${recipients === 1 ? 'person' : 'people'}`}? Once sent, the update can no longer
        be changed.
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={onSend} disabled={pending} data-testid="confirm-send-button">
          {pending ? 'Sending…' : 'Send now'}
        </button>
      </div>
    </div>
  );
}

/** The update as its readers get it: promotions of this week, then next week's, where leads come from, product news. */
function UpdateContent({ update, testId }: { update: Pick<WeeklyUpdate, 'subject' | 'intro' | 'promotions' | 'lead_sources' | 'product_updates' | 'week_start'>; testId?: string }) {
  const nextWeek = new Date(Date.parse(`${update.week_start}T00:00:00Z`) + 7 * 86400_000).toISOString().slice(0, 10);
  const thisWeek = update.promotions.filter((p) => !p.starts_on || p.starts_on < nextWeek);
  const later = update.promotions.filter((p) => p.starts_on && p.starts_on >= nextWeek);
  const promo = (p: Promotion) => (
    <li key={`${p.kind}-${p.ref_id}`}>
      <div>
        <div className="cell-main">{p.url ? <a href={p.url} target="_blank" rel="noreferrer">{p.title}</a> : p.title}</div>
        {p.excerpt && <div>{p.excerpt}</div>}
      </div>
    </li>
  );
  return (
    <div data-testid={testId}>
      <p className="cell-main">{update.subject}</p>
      {update.intro && <p className="pack-text">{update.intro}</p>}
      {thisWeek.length > 0 && (
        <>
          <h3 className="subhead">This week</h3>
          <ul className="plain-list">{thisWeek.map(promo)}</ul>
        </>
      )}
      {later.length > 0 && (
        <>
          <h3 className="subhead">Next week</h3>
          <ul className="plain-list">{later.map(promo)}</ul>
        </>
      )}
      {update.lead_sources && (
        <>
          <h3 className="subhead">Where new leads will come from</h3>
          <p className="pack-text">{update.lead_sources}</p>
        </>
      )}
      {update.product_updates.length > 0 && (
        <>
          <h3 className="subhead">Product updates</h3>
          <ul className="plain-list">
            {update.product_updates.map((p, i) => (
              <li key={i}>
                <div>
                  <div className="cell-main">{p.url ? <a href={p.url} target="_blank" rel="noreferrer">{p.title}</a> : p.title}</div>
                  {p.body && <div>{p.body}</div>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

// ---------- Report ----------

function Report({ update }: { update: WeeklyUpdate }) {
  const queryClient = useQueryClient();
  const report = useQuery({
    queryKey: [updatesKey, update.id, 'report'],
    queryFn: ({ signal }) => apiGet('/api/updates/{id}/report', { params: { path: { id: update.id } }, signal }),
  });
  const justSent = queryClient.getQueryData<SendResult>(['send-result', update.id]);
  return (
    <>
      {justSent && <SentNotice result={justSent} />}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && <Loading />}
      {report.data && <ReportView report={report.data} />}
      <section className="card" data-testid="update-sent-content">
        <h2 className="card-title">What was sent</h2>
        <UpdateContent update={update} />
      </section>
    </>
  );
}

function SentNotice({ result }: { result: SendResult }) {
  const parts = [
    result.sent > 0 && `${formatNumber(result.sent)} sent`,
    result.outbox > 0 && `${formatNumber(result.outbox)} kept in the outbox (no mail server is set up)`,
    result.failed > 0 && `${formatNumber(result.failed)} failed`,
    result.already_sent > 0 && `${formatNumber(result.already_sent)} had already gone out`,
  ].filter(Boolean);
  return (
    <div className={result.failed > 0 ? 'alert alert-warning' : 'alert alert-success'} role="status" data-testid="send-result">
      The update went out: {parts.join(', ')}.
    </div>
  );
}

function ReportView({ report }: { report: UpdateReport }) {
  return (
    <div data-testid="update-report">
      <div className="stat-row">
        <StatCard label="Delivered" value={formatNumber(report.delivered)} dataValue={report.delivered} testId="report-delivered" sub={`of ${formatNumber(report.recipients)} recipients`} />
        <StatCard label="Unique opens" value={formatNumber(report.unique_opens)} dataValue={report.unique_opens} testId="report-opens" />
        <StatCard label="Open rate" value={formatPercent(report.open_rate)} dataValue={report.open_rate ?? ''} testId="report-open-rate" />
        <StatCard label="Unique clicks" value={formatNumber(report.unique_clicks)} dataValue={report.unique_clicks} testId="report-clicks" />
        <StatCard label="Click-through rate" value={formatPercent(report.ctr)} dataValue={report.ctr ?? ''} testId="report-ctr" />
      </div>
      <p className="muted small">
        {report.definitions.delivered} {report.definitions.open_rate} {report.definitions.ctr}
        {report.scanner_hits > 0 && ` ${formatNumber(report.scanner_hits)} hits from mail scanners were left out.`}
      </p>
      <TableCard title="Clicks per link" testId="report-links">
        <DataTable
          columns={['Link', 'Part', numCol('Clicks'), numCol('People who clicked'), numCol('Click-through rate')]}
          empty="The update had no links."
          rows={report.links.map((l) => (
            <tr key={l.url} data-testid="report-link-row">
              <td className="cell-main">
                <a href={l.url} target="_blank" rel="noreferrer">
                  {l.title ?? l.url}
                </a>
              </td>
              <td>{l.section ? labelOf(updateLinkSectionLabels, l.section) : '—'}</td>
              <td className="num">{formatNumber(l.clicks)}</td>
              <td className="num">{formatNumber(l.unique_clickers)}</td>
              <td className="num">{formatPercent(l.ctr)}</td>
            </tr>
          ))}
        />
      </TableCard>
      <TableCard title="Recipients" testId="report-people">
        <DataTable
          columns={['Name', 'Email', 'Delivery', 'Opened', numCol('Opens'), numCol('Clicks'), 'First click']}
          empty="Nobody received this update."
          rows={report.people.map((p) => (
            <tr key={p.user_id} data-testid="report-person-row" data-status={p.status}>
              <td className="cell-main">{p.name}</td>
              <td>{p.email}</td>
              <td>
                <span className={`pill delivery-${p.status === 'sending' ? 'pending' : p.status}`}>{labelOf(deliveryStatusLabels, p.status)}</span>
              </td>
              <td data-col="opened">{p.opened ? `Yes, ${formatDateTime(p.first_opened_at)}` : 'No'}</td>
              <td className="num">{formatNumber(p.opens)}</td>
              <td className="num" data-col="clicks">
                {formatNumber(p.clicks)}
              </td>
              <td className="nowrap">{p.first_clicked_at ? formatDateTime(p.first_clicked_at) : '—'}</td>
            </tr>
          ))}
        />
      </TableCard>
    </div>
  );
}
