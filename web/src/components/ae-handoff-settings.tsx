import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSendDocument, type ApiAnswer } from '../api';
import type { Role } from '../api-types';
import { formatNumber } from '../format';
import { isSalesManager } from '../queries';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { JsonSettingEditor } from './json-setting-editor';
import { JsonToggle } from './json-toggle';
import { Loading } from './loading';
import { RoutingRulesForm } from './routing-rules-form';

const slaPath = '/api/sla/ae-policy';
const rulesPath = '/api/routing/ae-rules';
type AeSla = ApiAnswer<typeof slaPath, 'get'>;

/** Bare JSON documents (no versions): the JSON editor is given them as version 0, like the SLA policies. */
function useDocument<P extends typeof slaPath | typeof rulesPath>(path: P) {
  return useQuery({
    queryKey: [path],
    queryFn: async ({ signal }) => ({ version: 0, value: (await apiGet(path as typeof slaPath | typeof rulesPath, { signal })) as ApiAnswer<P, 'get'>, created_at: null }),
    staleTime: 60_000,
  });
}

/**
 * The handoff from SDRs to account executives: how fast an AE must hold a first meeting with a
 * lead an SDR accepted, and which AE gets it. Who is an SDR or an AE is set per person in Team.
 */
export function AeHandoffSettings({ role }: { role: Role | undefined }) {
  const canEdit = isSalesManager(role);
  const sla = useDocument(slaPath);
  const rules = useDocument(rulesPath);
  const [slaAsJson, setSlaAsJson] = useState(false);
  const [rulesAsJson, setRulesAsJson] = useState(false);
  return (
    <section className="card" data-testid="ae-handoff-settings">
      <h2 className="card-title">SDR to account executive handoff</h2>
      <p className="muted card-note">
        When an SDR accepts a lead, it becomes a sales lead and goes to an account executive chosen by the rules below (round robin inside the team, skipping
        anyone away, inactive or full), who must hold a first meeting in time. Mark people as SDRs or account executives under Team. Without an active account
        executive, the SDR keeps the leads they accept.
        {!canEdit && ' Only an admin or a sales manager can change these settings.'}
      </p>
      <h3 className="subhead">Time to first meeting</h3>
      {sla.isError && <ErrorMessage error={sla.error} />}
      {sla.isPending && <Loading />}
      {sla.data &&
        (canEdit ? (
          <>
            <JsonToggle asJson={slaAsJson} onToggle={setSlaAsJson} testId="ae-sla-as-json" />
            {slaAsJson ? (
              <JsonSettingEditor path={slaPath} setting={sla.data} label="Account executive SLA (JSON)" testId="ae-sla-editor" unversioned />
            ) : (
              <AeSlaForm sla={sla.data.value} />
            )}
          </>
        ) : (
          <AeSlaForm sla={sla.data.value} readOnly />
        ))}
      <h3 className="subhead">Account executive routing</h3>
      {rules.isError && <ErrorMessage error={rules.error} />}
      {rules.isPending && <Loading />}
      {rules.data &&
        (canEdit ? (
          <>
            <JsonToggle asJson={rulesAsJson} onToggle={setRulesAsJson} testId="ae-rules-as-json" />
            {rulesAsJson ? (
              <JsonSettingEditor path={rulesPath} setting={rules.data} label="Account executive routing rules (JSON)" testId="ae-rules-editor" unversioned />
            ) : (
              <RoutingRulesForm rules={rules.data.value} path={rulesPath} testId="ae-routing-rules-form" />
            )}
          </>
        ) : (
          <RoutingRulesForm rules={rules.data.value} path={rulesPath} testId="ae-routing-rules-form" readOnly />
        ))}
    </section>
  );
}

/** Working days to the first meeting, when it turns at risk, and how many new sales leads an AE takes a month; the calendar is edited as JSON. */
function AeSlaForm({ sla, readOnly = false }: { sla: AeSla; readOnly?: boolean }) {
  const queryClient = useQueryClient();
  const [days, setDays] = useState(String(sla.firstMeetingDays));
  const [riskPercent, setRiskPercent] = useState(String(Math.round(sla.atRiskShare * 100)));
  const [capacity, setCapacity] = useState(sla.monthlyCapacity === null ? '' : String(sla.monthlyCapacity));
  const save = useMutation({
    mutationFn: (value: unknown) => apiSendDocument('put', slaPath, value),
    onSuccess: (next) => {
      queryClient.setQueryData([slaPath], { version: 0, value: next, created_at: null });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Typed text goes as typed (a number where one was meant), so the server names what is wrong.
    const asNumber = (s: string) => (s.trim() === '' ? s : Number(s));
    save.mutate({ ...sla, firstMeetingDays: asNumber(days), atRiskShare: riskPercent.trim() === '' ? riskPercent : Number(riskPercent) / 100, monthlyCapacity: capacity.trim() === '' ? null : Number(capacity) });
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="ae-sla-form">
      <fieldset className="bare-fieldset" disabled={readOnly}>
        <div className="form-grid">
          <Field label="First meeting within (working days)" name="firstMeetingDays" error={save.error}>
            <input name="firstMeetingDays" type="number" min={1} step={1} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
          <Field label="At risk after (% of the time)" name="atRiskShare" error={save.error}>
            <input name="atRiskShare" type="number" min={1} max={99} step={1} inputMode="numeric" value={riskPercent} onChange={(e) => setRiskPercent(e.target.value)} />
          </Field>
          <Field label="Sales leads an account executive takes a month" name="monthlyCapacity" error={save.error} hint="Blank: no limit (a person's own monthly capacity wins)">
            <input name="monthlyCapacity" type="number" min={1} step={1} inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </Field>
        </div>
        <p className="muted small">
          {sla.calendar
            ? `Working days follow the calendar in ${sla.calendar.timeZone} (edit it as JSON).`
            : 'Working days are Monday to Friday, 09:00–17:00 in the workspace time zone (set another calendar as JSON).'}{' '}
          A lead handed over at 15:00 is due {formatNumber(sla.firstMeetingDays)} working days later at 15:00.
        </p>
      </fieldset>
      <ErrorMessage error={save.error} shownFields={['firstMeetingDays', 'atRiskShare', 'monthlyCapacity']} />
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved.
        </div>
      )}
      {!readOnly && <FormActions label="Save" pendingLabel="Saving…" pending={save.isPending} />}
    </form>
  );
}
