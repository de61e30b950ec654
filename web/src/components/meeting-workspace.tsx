import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost } from '../api';
import { formatNumber, labelOf, meetingStatusLabels } from '../format';
import { formatMeetingTime, invalidateMeetings, meetingScope, meetingsKey, type Meeting, type MeetingSeries, type PackSendResult } from '../meeting-shapes';
import { useMe, useWorkspaceSettings } from '../queries';
import { canManageMeetings } from '../ritual-roles';
import { ActionItemsCard } from './action-items-card';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';
import { Modal } from './modal';
import { PackView } from './pack-view';

export const meetingKey = (id: number) => [meetingsKey, 'meeting', id] as const;
export const packKey = (id: number) => [meetingsKey, 'meeting', id, 'pack'] as const;

/**
 * One meeting, as it is run: its pack (live until held, then as it was), who presents, holding it,
 * emailing the pack, notes, decisions and action items. The same on /meetings (the current meeting)
 * and /meetings/<id> (any meeting, held ones from history).
 */
export function MeetingWorkspace({ meetingId, heading }: { meetingId: number; heading: 'page' | 'section' }) {
  const me = useMe();
  const zone = useWorkspaceSettings().data?.time_zone;
  const meeting = useQuery({ queryKey: meetingKey(meetingId), queryFn: ({ signal }) => apiGet('/api/meetings/{id}', { params: { path: { id: meetingId } }, signal }) });
  const pack = useQuery({ queryKey: packKey(meetingId), queryFn: ({ signal }) => apiGet('/api/meetings/{id}/pack', { params: { path: { id: meetingId } }, signal }) });
  const seriesId = meeting.data?.series_id;
  const series = useQuery({
    queryKey: [meetingsKey, 'series', seriesId],
    queryFn: ({ signal }) => apiGet('/api/meeting-series/{id}', { params: { path: { id: seriesId! } }, signal }),
    enabled: seriesId !== undefined,
  });
  const canManage = canManageMeetings(me.data?.role);

  if (meeting.isError) return <ErrorMessage error={meeting.error} />;
  if (meeting.isPending) return <Loading label="Opening the meeting…" />;
  const m = meeting.data;
  const Title = heading === 'page' ? 'h1' : 'h2';
  const scope = meetingScope(m);
  return (
    <div data-testid="meeting" data-meeting-id={m.id} data-status={m.status}>
      <header className="page-header">
        <div>
          <Title className={heading === 'page' ? undefined : 'meeting-title'} data-testid="meeting-title">
            {m.series_name}
          </Title>
          <div className="page-subtitle header-meta">
            <span data-testid="meeting-when">{formatMeetingTime(m.scheduled_at, zone)}</span>
            <span>{formatNumber(m.duration_minutes)} min</span>
            {scope && <span>{scope}</span>}
            <span>
              <span className={`pill meeting-${m.status}`} data-testid="meeting-status">
                {labelOf(meetingStatusLabels, m.status)}
              </span>
            </span>
          </div>
        </div>
        <MeetingActions meeting={m} canManage={canManage} when={formatMeetingTime(m.scheduled_at, zone)} />
      </header>
      {m.status === 'cancelled' && (
        <div className="alert alert-warning" role="status" data-testid="cancelled-note">
          <strong>This meeting is cancelled.</strong>
          <span>
            Its pack is not emailed to the attendees and nothing is decided in it; the pack below is what it would show today.
            {canManage ? ' Reinstate it to run it after all.' : ''}
          </span>
        </div>
      )}
      {m.status === 'held' && m.held_at && (
        <p className="muted small" data-testid="held-note">
          Held {formatMeetingTime(m.held_at, zone)}. The pack below is as it was then: later data does not change it.
        </p>
      )}
      <div className="meeting-layout">
        <div>
          {pack.isError && <ErrorMessage error={pack.error} />}
          {pack.isPending && <Loading label="Building the pack…" />}
          {pack.data && <PackView doc={pack.data} showTitle={false} />}
        </div>
        <aside>
          <PresentersCard meeting={m} series={series.data} canManage={canManage} />
          <NotesCard key={m.id} meeting={m} canManage={canManage} />
          <DecisionsCard meeting={m} canManage={canManage} />
          <ActionItemsCard meeting={m} canManage={canManage} me={me.data ?? null} />
        </aside>
      </div>
    </div>
  );
}

function MeetingActions({ meeting, canManage, when }: { meeting: Meeting; canManage: boolean; when: string }) {
  const queryClient = useQueryClient();
  const [confirmHold, setConfirmHold] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // Cancelling and reinstating are the meeting's status: a held meeting keeps its own (the API refuses).
  const setStatus = useMutation({
    mutationFn: (status: 'planned' | 'cancelled') => apiPatch('/api/meetings/{id}', { params: { path: { id: meeting.id } }, body: { status } }),
    onSuccess: (next) => {
      setConfirmCancel(false);
      queryClient.setQueryData(meetingKey(meeting.id), next);
      return invalidateMeetings(queryClient);
    },
  });
  const hold = useMutation({
    mutationFn: () => apiPost('/api/meetings/{id}/hold', { params: { path: { id: meeting.id } } }),
    onSuccess: (next) => {
      setConfirmHold(false);
      queryClient.setQueryData(meetingKey(meeting.id), next);
      return invalidateMeetings(queryClient);
    },
  });
  const send = useMutation({ mutationFn: () => apiPost('/api/meetings/{id}/send', { params: { path: { id: meeting.id } } }) });
  return (
    <div className="page-actions meeting-actions no-print">
      <div className="button-row">
        {canManage && meeting.status === 'planned' && (
          <button type="button" className="btn btn-primary" onClick={() => setConfirmHold(true)} data-testid="hold-meeting">
            Hold meeting
          </button>
        )}
        {canManage && meeting.status !== 'cancelled' && (
          <button type="button" className="btn" onClick={() => send.mutate()} disabled={send.isPending} data-testid="send-pack">
            {send.isPending ? 'Emailing…' : 'Email the pack to attendees'}
          </button>
        )}
        {canManage && meeting.status === 'planned' && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmCancel(true)} data-testid="cancel-meeting">
            Cancel meeting
          </button>
        )}
        {canManage && meeting.status === 'cancelled' && (
          <button type="button" className="btn btn-primary" onClick={() => setStatus.mutate('planned')} disabled={setStatus.isPending} data-testid="reinstate-meeting">
            {setStatus.isPending ? 'Reinstating…' : 'Reinstate meeting'}
          </button>
        )}
        <a className="btn" href={`/api/meetings/${meeting.id}/pack.pdf`} download data-testid="pack-pdf">
          Download PDF
        </a>
        <a className="btn" href={`/api/meetings/${meeting.id}/pack.html`} target="_blank" rel="noreferrer" data-testid="pack-print">
          Printable page
        </a>
      </div>
      <ErrorMessage error={send.error} />
      {!confirmCancel && <ErrorMessage error={setStatus.error} />}
      {send.data && <SendNotice result={send.data} />}
      {confirmHold && (
        <Modal title="Hold the meeting" onClose={() => setConfirmHold(false)}>
          <div className="form" data-testid="confirm-hold">
            <ErrorMessage error={hold.error} />
            <p>The pack is kept as it is now, for the record: data that changes later will not change what this meeting saw. Presenters and time no longer change; notes, decisions and action items still do.</p>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setConfirmHold(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => hold.mutate()} disabled={hold.isPending} data-testid="confirm-hold-button">
                {hold.isPending ? 'Holding…' : 'Hold meeting'}
              </button>
            </div>
          </div>
        </Modal>
      )}
      {confirmCancel && (
        <Modal title="Cancel the meeting" onClose={() => setConfirmCancel(false)}>
          <div className="form" data-testid="confirm-cancel">
            <ErrorMessage error={setStatus.error} />
            <p>
              The meeting of {when} will not take place: its pack is not emailed to the attendees, and no decision or action item can be added to it. Revloop does not tell the
              attendees: let them know yourself. You can reinstate it later.
            </p>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setConfirmCancel(false)}>
                Keep the meeting
              </button>
              <button type="button" className="btn btn-danger" onClick={() => setStatus.mutate('cancelled')} disabled={setStatus.isPending} data-testid="confirm-cancel-button">
                {setStatus.isPending ? 'Cancelling…' : 'Cancel meeting'}
              </button>
            </div>
          </div>
        </Modal>
      )}
    </div>
  );
}

function SendNotice({ result }: { result: PackSendResult }) {
  const total = result.sent + result.outbox + result.failed + result.already_sent;
  if (total === 0) {
    return (
      <div className="alert alert-warning" role="status" data-testid="send-pack-result">
        Nobody to email: add attendees in the meeting settings below (anyone who opted out of pack emails is skipped).
      </div>
    );
  }
  const parts = [
    result.sent > 0 && `emailed to ${formatNumber(result.sent)} ${result.sent === 1 ? 'attendee' : 'attendees'}`,
    result.outbox > 0 && `${formatNumber(result.outbox)} kept in the outbox (no mail server is set up)`,
    result.already_sent > 0 && `${formatNumber(result.already_sent)} had it already`,
    result.failed > 0 && `${formatNumber(result.failed)} failed`,
  ].filter(Boolean);
  return (
    <div className={result.failed > 0 ? 'alert alert-warning' : 'alert alert-success'} role="status" data-testid="send-pack-result">
      The pack was {parts.join(', ')}.
    </div>
  );
}

function PresentersCard({ meeting, series, canManage }: { meeting: Meeting; series: MeetingSeries | undefined; canManage: boolean }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (body: { sales_presenter_id?: number | null; marketing_presenter_id?: number | null }) =>
      apiPatch('/api/meetings/{id}', { params: { path: { id: meeting.id } }, body }),
    onSuccess: (next) => {
      queryClient.setQueryData(meetingKey(meeting.id), next);
      // The pack's agenda names the presenters.
      return queryClient.invalidateQueries({ queryKey: packKey(meeting.id) });
    },
  });
  const editable = canManage && meeting.status === 'planned';
  const sides = [
    { side: 'marketing' as const, label: 'Marketing presenter', id: meeting.marketing_presenter_id, name: meeting.marketing_presenter_name },
    { side: 'sales' as const, label: 'Sales presenter', id: meeting.sales_presenter_id, name: meeting.sales_presenter_name },
  ];
  return (
    <section className="card" data-testid="presenters">
      <h2 className="card-title">Presenters</h2>
      <ErrorMessage error={change.error} />
      {sides.map((s) => {
        const options = (series?.attendees ?? []).filter((a) => a.side === s.side && a.active);
        return (
          <label key={s.side} className="field">
            <span className="field-label">{s.label}</span>
            {editable ? (
              <select
                name={`${s.side}_presenter`}
                value={s.id ?? ''}
                disabled={change.isPending}
                onChange={(e) => change.mutate({ [`${s.side}_presenter_id`]: e.target.value ? Number(e.target.value) : null })}
                data-testid={`presenter-${s.side}`}
              >
                <option value="">Nobody</option>
                {/* A presenter who no longer attends stays selectable until changed. */}
                {s.id !== null && !options.some((a) => a.user_id === s.id) && <option value={s.id}>{s.name}</option>}
                {options.map((a) => (
                  <option key={a.user_id} value={a.user_id}>
                    {a.name}
                  </option>
                ))}
              </select>
            ) : (
              <span data-testid={`presenter-${s.side}`}>{s.name ?? 'Nobody'}</span>
            )}
          </label>
        );
      })}
      {editable && series && series.attendees.length === 0 && <p className="muted small">Presenters are chosen among the attendees: add them in the meeting settings.</p>}
    </section>
  );
}

function NotesCard({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState(meeting.notes);
  // The notes as last read: when they change on the server (saved here or elsewhere) and nothing is
  // being typed, the box follows; typing in progress is never overwritten.
  const [read, setRead] = useState(meeting.notes);
  if (meeting.notes !== read) {
    setRead(meeting.notes);
    if (notes === read) setNotes(meeting.notes);
  }
  const save = useMutation({
    mutationFn: () => apiPatch('/api/meetings/{id}', { params: { path: { id: meeting.id } }, body: { notes } }),
    onSuccess: (next) => queryClient.setQueryData(meetingKey(meeting.id), next),
  });
  const dirty = notes !== meeting.notes;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (!canManage) {
    return (
      <section className="card" data-testid="notes">
        <h2 className="card-title">Notes</h2>
        {meeting.notes ? <p className="pack-text">{meeting.notes}</p> : <p className="muted">No notes yet.</p>}
      </section>
    );
  }
  return (
    <section className="card" data-testid="notes">
      <h2 className="card-title">Notes</h2>
      <form className="form" onSubmit={submit}>
        <ErrorMessage error={save.error} />
        <textarea name="notes" rows={6} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="What was said, who raised what…" aria-label="Notes" />
        <div className="button-row">
          <button type="submit" className="btn btn-small" disabled={!dirty || save.isPending} data-testid="save-notes">
            {save.isPending ? 'Saving…' : 'Save notes'}
          </button>
          <span className="muted small" data-testid="notes-state">
            {dirty ? 'Unsaved changes' : save.isSuccess ? 'Saved' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}

function DecisionsCard({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: meetingKey(meeting.id) });
  const add = useMutation({
    mutationFn: () => apiPost('/api/meetings/{id}/decisions', { params: { path: { id: meeting.id } }, body: { text } }),
    onSuccess: () => {
      setText('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (decisionId: number) => apiDelete('/api/meetings/{id}/decisions/{decision_id}', { params: { path: { id: meeting.id, decision_id: decisionId } } }),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const editable = canManage && meeting.status !== 'cancelled';
  return (
    <section className="card" data-testid="decisions">
      <h2 className="card-title">Decisions</h2>
      <ErrorMessage error={add.error ?? remove.error} />
      {meeting.decisions.length === 0 ? (
        <p className="muted">{editable ? 'Nothing decided yet. Write each decision down as it is made.' : 'No decision recorded.'}</p>
      ) : (
        <ul className="plain-list">
          {meeting.decisions.map((d) => (
            <li key={d.id} data-testid="decision">
              <span className="pack-text">{d.text}</span>
              {editable && (
                <button type="button" className="btn btn-small" onClick={() => remove.mutate(d.id)} disabled={remove.isPending} aria-label={`Remove the decision: ${d.text}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="inline-form card-section-tight" onSubmit={submit}>
          <label className="field">
            <span className="field-label">New decision</span>
            <input name="decision" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" className="btn" disabled={!text.trim() || add.isPending} data-testid="add-decision">
            Add
          </button>
        </form>
      )}
    </section>
  );
}
