import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '../api';
import type { ApiBody } from '../api-shapes';
import type { Role } from '../api-types';
import { rawEventRetentionLabels } from '../format';
import { invalidateReports, useWorkspaceSettings, workspaceSettingsKey } from '../queries';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { Loading } from './loading';

/** The browser's IANA zones, UTC first: Chromium lists only city zones, and UTC is the server's default. */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/** Settings of the whole workspace: the time zone report days and months are counted in, how long raw events are kept (admins change them). */
export function WorkspaceSettingsCard({ role }: { role: Role | undefined }) {
  const queryClient = useQueryClient();
  const settings = useWorkspaceSettings();
  const save = useMutation({
    mutationFn: (body: ApiBody<'/api/settings/workspace', 'put'>) => apiPut('/api/settings/workspace', { body }),
    onSuccess: (next) => {
      queryClient.setQueryData(workspaceSettingsKey, next);
      return invalidateReports(queryClient);
    },
  });
  // Its own mutation, so saving the retention does not announce a time-zone change.
  const retention = useMutation({
    mutationFn: (body: ApiBody<'/api/settings/workspace', 'put'>) => apiPut('/api/settings/workspace', { body }),
    onSuccess: (next) => queryClient.setQueryData(workspaceSettingsKey, next),
  });
  return (
    <section className="card" data-testid="workspace-settings">
      <h2 className="card-title">Workspace</h2>
      <p className="muted card-note">
        Report days and months begin at midnight in this time zone. SLA clocks keep their own policies&apos; calendars.
        {role !== 'admin' && ' Only an admin can change it.'}
      </p>
      {settings.isError && <ErrorMessage error={settings.error} />}
      {settings.isPending && <Loading />}
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="workspace-saved">
          Saved: report days and months now begin at midnight in {save.data.time_zone}.
        </div>
      )}
      {/* Keyed on the saved zone so the form starts again from what the server holds after a save. */}
      {settings.data && (
        <TimeZoneForm key={settings.data.time_zone} saved={settings.data.time_zone} canEdit={role === 'admin'} onSave={(time_zone) => save.mutate({ time_zone })} pending={save.isPending} error={save.error} />
      )}
      {settings.data && (
        <RetentionForm
          key={String(settings.data.raw_event_months)}
          saved={settings.data.raw_event_months}
          canEdit={role === 'admin'}
          onSave={(raw_event_months) => retention.mutate({ time_zone: settings.data.time_zone, raw_event_months })}
          pending={retention.isPending}
          error={retention.error}
          done={retention.isSuccess}
        />
      )}
    </section>
  );
}

interface TimeZoneFormProps {
  saved: string;
  canEdit: boolean;
  onSave: (zone: string) => void;
  pending: boolean;
  error: unknown;
}

function TimeZoneForm({ saved, canEdit, onSave, pending, error }: TimeZoneFormProps) {
  const zones = useMemo(timeZones, []);
  const [zone, setZone] = useState(saved);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(zone.trim());
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="workspace-form">
      <ErrorMessage error={error} shownFields={['time_zone']} />
      <Field label="Time zone" name="time_zone" error={error} hint="An IANA name, e.g. Europe/Madrid or America/New_York">
        <input name="time_zone" list="time-zones" value={zone} onChange={(e) => setZone(e.target.value)} disabled={!canEdit} autoComplete="off" required />
      </Field>
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {canEdit && <FormActions label="Save" pendingLabel="Saving…" pending={pending} disabled={!zone.trim() || zone.trim() === saved} />}
    </form>
  );
}

interface RetentionFormProps {
  saved: number | null;
  canEdit: boolean;
  onSave: (months: number | null) => void;
  pending: boolean;
  error: unknown;
  done: boolean;
}

/** How long raw tracked events are kept; older months are deleted once a day. Reports keep their figures. */
function RetentionForm({ saved, canEdit, onSave, pending, error, done }: RetentionFormProps) {
  const [months, setMonths] = useState(saved === null ? '' : String(saved));
  const options = Object.keys(rawEventRetentionLabels).includes(months) ? rawEventRetentionLabels : { ...rawEventRetentionLabels, [months]: `${months} months` };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(months === '' ? null : Number(months));
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="retention-form">
      <ErrorMessage error={error} shownFields={['raw_event_months']} />
      {done && (
        <div className="alert alert-success" role="status" data-testid="retention-saved">
          Saved.
        </div>
      )}
      <Field
        label="Keep raw tracked events"
        name="raw_event_months"
        error={error}
        hint="Older months of page views and tracked actions are deleted once a day. Reports keep their figures: nothing shorter than 25 months can be chosen, because reports read up to two years of raw events."
      >
        <select name="raw_event_months" value={months} onChange={(e) => setMonths(e.target.value)} disabled={!canEdit}>
          {Object.entries(options)
            .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : Number(a) - Number(b)))
            .map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {canEdit && <FormActions label="Save" pendingLabel="Saving…" pending={pending} disabled={months === (saved === null ? '' : String(saved))} />}
    </form>
  );
}
