import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type DragEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { apiGet, apiPostCsv, type ApiAnswer } from '../api';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Icon } from '../components/icon';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { RateBar } from '../components/rate-bar';
import { Select } from '../components/select';
import { TableCard } from '../components/table-card';
import { downloadText, parseCsv, toCsv } from '../csv-text';
import { formatNumber, importFieldLabel, importObjectLabels } from '../format';

type ImportObject = 'contacts' | 'companies' | 'deals' | 'activities' | 'campaigns';
type Job = ApiAnswer<'/api/import/jobs/{id}', 'get'>;
type MappingEntry = Job['summary'] extends infer S ? (S extends { mapping: (infer M)[] } ? M : never) : never;
type Problem = NonNullable<Job['error']>['errors'][number];

/** The select's values besides a field name: skip the column, or define it as a new custom property. */
const SKIP = '-';
const CREATE = '+';

/** Where the imported records are listed. */
const listOf: Record<ImportObject, { to: string; label: string }> = {
  contacts: { to: '/contacts', label: 'See the contacts' },
  companies: { to: '/companies', label: 'See the companies' },
  deals: { to: '/deals', label: 'See the deals' },
  activities: { to: '/contacts', label: 'See the contacts and their activities' },
  campaigns: { to: '/campaigns', label: 'See the campaigns' },
};
const hasProperties = (o: ImportObject) => o === 'contacts' || o === 'companies' || o === 'deals';

/** Polls an import job until it has finished. */
function useJob(id: string | null) {
  return useQuery({
    queryKey: ['/api/import/jobs', id],
    queryFn: ({ signal }) => apiGet('/api/import/jobs/{id}', { params: { path: { id: id! } }, signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 400 : false),
  });
}

interface FilePreview {
  headers: string[];
  rows: string[][];
}

/**
 * The import wizard: choose what the file holds and upload it, check and change what each column
 * feeds (and what a column's values mean), see the dry run's problems, then import with a
 * progress bar. Every run is a background job on the server (import-jobs.ts), so a large file
 * keeps the app answering for everyone else while it is checked and written.
 */
export function ImportPage() {
  const [object, setObject] = useState<ImportObject>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [step, setStep] = useState<1 | 2 | 3 | 4>(1);
  const [detectJob, setDetectJob] = useState<string | null>(null);
  const [dryJob, setDryJob] = useState<string | null>(null);
  const [importJob, setImportJob] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [valueMap, setValueMap] = useState<Record<string, Record<string, string>>>({});
  const [startError, setStartError] = useState<unknown>(null);
  // A touch history is stored as it arrives (in short batches, each bad row listed): no column choices, no dry run.
  const [events, setEvents] = useState(false);
  const eventImport = useMutation({ mutationFn: (f: File) => apiPostCsv('/api/import/events', {}, {}, f) });
  const targets = useQuery({
    enabled: !events,
    queryKey: ['/api/import/fields', object],
    queryFn: ({ signal }) => apiGet('/api/import/{object}/fields', { params: { path: { object } }, signal }),
  });
  const detect = useJob(detectJob);
  const dry = useJob(dryJob);
  const run = useJob(importJob);

  const start = async (query: Record<string, string | string[] | undefined>, then: (id: string) => void) => {
    setStartError(null);
    try {
      const job = await apiPostCsv('/api/import/jobs/{object}', { object }, query, file!);
      then(job.id);
    } catch (e) {
      setStartError(e);
    }
  };

  const chooseFile = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setDetectJob(null);
    if (!f) return;
    const rows = parseCsv(await f.text());
    setPreview({ headers: (rows[0] ?? []).map((h) => h.trim()), rows: rows.slice(1) });
  };

  // The dry run of the file as it is tells which columns the server recognises.
  const detected: MappingEntry[] | null = detect.data && detect.data.status !== 'running' ? (detect.data.summary?.mapping ?? detect.data.error?.mapping ?? []) : null;
  const toMapping = () => {
    // A corrected file keeps the choices made for its columns of the same name.
    const initial: Record<string, string> = {};
    for (const m of detected ?? []) initial[m.column] = choices[m.column] ?? m.field ?? (m.note === 'unknown' ? '' : SKIP);
    setChoices(initial);
    setStep(2);
  };

  const options = (): Record<string, string | string[] | undefined> => {
    const map: string[] = [];
    for (const [column, choice] of Object.entries(choices)) {
      if (choice === CREATE || choice === '') continue;
      map.push(`${column}=${choice}`);
    }
    const values: Record<string, Record<string, string>> = {};
    for (const [column, pairs] of Object.entries(valueMap)) {
      const kept = Object.fromEntries(Object.entries(pairs).filter(([, to]) => to !== ''));
      if (Object.keys(kept).length && targetOf(choices[column])?.options) values[column] = kept;
    }
    return {
      map,
      create_properties: Object.values(choices).includes(CREATE) ? 'true' : undefined,
      value_map: Object.keys(values).length ? JSON.stringify(values) : undefined,
    };
  };

  const allTargets = [...(targets.data?.fields ?? []), ...(targets.data?.properties ?? [])];
  const targetOf = (field: string | undefined) => allTargets.find((t) => t.field === field);
  const labelOf = (field: string) => {
    const t = targetOf(field);
    return t?.label ?? importFieldLabel(field);
  };

  const steps = ['Upload', 'Map columns', 'Check', 'Import'];
  return (
    <>
      <PageHeader title="Import" subtitle="Bring records in from a CSV file, such as a HubSpot or Salesforce export." />
      <ol className="wizard-steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={s} className={i + 1 === step ? 'active' : i + 1 < step ? 'done' : ''} aria-current={i + 1 === step ? 'step' : undefined}>
            {s}
          </li>
        ))}
      </ol>
      <ErrorMessage error={startError} />

      {step === 1 && (
        <section className="card" data-testid="import-upload">
          <div className="form-grid">
            <Field label="What the file holds">
              <Select
                name="object"
                value={events ? 'events' : object}
                onChange={(e) => {
                  setEvents(e.target.value === 'events');
                  eventImport.reset();
                  if (e.target.value === 'events') return;
                  setObject(e.target.value as ImportObject);
                  setDetectJob(null);
                  setChoices({});
                  setValueMap({});
                }}
                options={[...Object.entries(importObjectLabels).map(([value, label]) => ({ value, label })), { value: 'events', label: 'Events (a touch history)' }]}
              />
            </Field>
          </div>
          <DropZone file={file} onFile={(f) => void chooseFile(f)} />
          {detect.data?.status === 'running' && <JobProgress job={detect.data} label="Reading the file" />}
          {detected && detected.length === 0 && detect.data?.error && <div className="alert alert-error" role="alert">{detect.data.error.message}</div>}
          {events && <ErrorMessage error={eventImport.error} />}
          {events && eventImport.data && <EventImportResult result={eventImport.data} />}
          <div className="form-actions">
            {events ? (
              <button type="button" className="btn btn-primary" disabled={!file || eventImport.isPending} onClick={() => eventImport.mutate(file!)}>
                {eventImport.isPending ? 'Importing…' : 'Import the events'}
              </button>
            ) : detected && detected.length > 0 ? (
              <button type="button" className="btn btn-primary" onClick={toMapping}>
                Next: map the columns
              </button>
            ) : (
              <button type="button" className="btn btn-primary" disabled={!file || detect.data?.status === 'running'} onClick={() => void start({ dry_run: 'true' }, setDetectJob)}>
                Read the file
              </button>
            )}
          </div>
        </section>
      )}

      {step === 2 && preview && (
        <>
          <TableCard title="Columns" note="What each column of the file feeds. Columns left unrecognised must be mapped, skipped or (where you may) created as a custom property." testId="import-mapping">
            <DataTable
              columns={['Column', 'Sample values', 'Imports as', 'Note']}
              rows={(detected ?? []).map((m) => {
                const index = preview.headers.indexOf(m.column);
                const samples = distinct(preview.rows.map((r) => r[index] ?? '')).slice(0, 3);
                const choice = choices[m.column] ?? '';
                return (
                  <tr key={m.column} data-testid="mapping-row" data-column={m.column}>
                    <td>{m.column}</td>
                    <td className="muted">{samples.join(', ') || '—'}</td>
                    <td>
                      <Select
                        aria-label={`Imports "${m.column}" as`}
                        value={choice}
                        onChange={(e) => setChoices({ ...choices, [m.column]: e.target.value })}
                        emptyLabel={choice === '' ? 'Choose…' : undefined}
                        options={[
                          { value: SKIP, label: 'Skip this column' },
                          ...(targets.data?.can_create_properties && hasProperties(object) ? [{ value: CREATE, label: 'Create as a custom property' }] : []),
                          ...allTargets.map((t) => ({ value: t.field, label: t.label ?? importFieldLabel(t.field) })),
                        ]}
                      />
                    </td>
                    <td className="muted">{choice === '' ? 'Not recognised' : m.field && m.field === choice ? (m.source === 'recognised' ? 'Recognised' : 'Custom property') : choice === SKIP ? 'Skipped' : 'Your choice'}</td>
                  </tr>
                );
              })}
            />
          </TableCard>
          {(detected ?? [])
            .filter((m) => targetOf(choices[m.column])?.options)
            .map((m) => {
              const target = targetOf(choices[m.column])!;
              const index = preview.headers.indexOf(m.column);
              const values = distinct(preview.rows.map((r) => (r[index] ?? '').trim()).filter(Boolean));
              return (
                <TableCard key={m.column} title={`Values of "${m.column}"`} note={`What each value means as ${labelOf(target.field)}. Values left as they are are read as written.`} testId="value-mapping">
                  {values.length > 50 ? (
                    <p className="muted card-note">The column holds {formatNumber(values.length)} different values: too many to map here.</p>
                  ) : (
                    <DataTable
                      columns={['Value in the file', 'Imports as']}
                      rows={values.map((v) => (
                        <tr key={v} data-testid="value-row" data-value={v}>
                          <td>{v}</td>
                          <td>
                            <Select
                              aria-label={`"${v}" in "${m.column}" imports as`}
                              value={valueMap[m.column]?.[v] ?? ''}
                              onChange={(e) => setValueMap({ ...valueMap, [m.column]: { ...valueMap[m.column], [v]: e.target.value } })}
                              emptyLabel="As written"
                              options={target.options!}
                            />
                          </td>
                        </tr>
                      ))}
                    />
                  )}
                </TableCard>
              );
            })}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setStep(1)}>
              Back
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={Object.values(choices).includes('')}
              title={Object.values(choices).includes('') ? 'Choose what every column imports as first' : undefined}
              onClick={() => void start({ ...options(), dry_run: 'true' }, (id) => (setDryJob(id), setStep(3)))}
            >
              Check the file
            </button>
          </div>
        </>
      )}

      {step === 3 && (
        <>
          {(!dry.data || dry.data.status === 'running') && <section className="card">{dry.data ? <JobProgress job={dry.data} label="Checking the file" /> : <Loading />}</section>}
          {dry.data && dry.data.status !== 'running' && <DryRunResult job={dry.data} object={object} />}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setStep(2)}>
              Back to the columns
            </button>
            {dry.data?.status === 'failed' && (
              <button type="button" className="btn" onClick={() => (void chooseFile(null), setStep(1))}>
                Choose a corrected file
              </button>
            )}
            <button type="button" className="btn btn-primary" disabled={dry.data?.status !== 'done'} onClick={() => void start(options(), (id) => (setImportJob(id), setStep(4)))}>
              Import {dry.data?.summary ? `${formatNumber(dry.data.summary.rows)} rows` : ''}
            </button>
          </div>
        </>
      )}

      {step === 4 && (
        <section className="card" data-testid="import-result">
          {!run.data ? <Loading /> : run.data.status === 'running' ? <JobProgress job={run.data} label={run.data.phase === 'importing' ? 'Importing' : 'Checking the file once more'} /> : <ImportResult job={run.data} object={object} />}
        </section>
      )}
    </>
  );
}

function distinct(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function DropZone({ file, onFile }: { file: File | null; onFile: (f: File | null) => void }) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFile(e.dataTransfer.files[0] ?? null);
  };
  return (
    <label
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Icon name="download" size={20} />
      <span>{file ? <strong>{file.name}</strong> : 'Drop a CSV file here, or click to choose one'}</span>
      {file && <span className="muted">{formatNumber(Math.ceil(file.size / 1024))} KB</span>}
      <input type="file" accept=".csv,text/csv" name="file" onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
    </label>
  );
}

function JobProgress({ job, label }: { job: Job; label: string }) {
  const total = job.rows_total ?? 0;
  return (
    <div className="alert rescore-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={job.rows_done} data-testid="import-progress">
      <div>
        {label} — {job.rows_total === null ? 'counting the rows…' : <><strong>{formatNumber(Math.min(job.rows_done, total))}</strong> of <strong>{formatNumber(total)}</strong> rows</>}
      </div>
      <RateBar rate={total > 0 ? Math.min(1, job.rows_done / total) : null} />
    </div>
  );
}

function Counts({ items, testId }: { items: [string, number][]; testId: string }) {
  return (
    <dl className="import-counts" data-testid={testId}>
      {items.map(([label, n]) => (
        <div key={label} data-count={label}>
          <dt>{label}</dt>
          <dd>{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function DryRunResult({ job, object }: { job: Job; object: ImportObject }) {
  const s = job.summary;
  const e = job.error;
  const counts = s ? { created: s.created, updated: s.updated, unchanged: s.unchanged, failed: 0, rows: s.rows } : e?.counts;
  const noun = importObjectLabels[object].toLowerCase();
  return (
    <>
      <section className="card" data-testid="dry-run-result">
        <h2 className="card-title">{e ? 'The file has problems: nothing would be imported' : 'Ready to import'}</h2>
        {counts && (
          <Counts
            testId="dry-run-counts"
            items={[
              ['Rows', counts.rows],
              [`New ${noun}`, counts.created],
              ['Updated', counts.updated],
              ['Unchanged', counts.unchanged],
              ['Rows with problems', counts.failed],
            ]}
          />
        )}
        {e && !e.errors.length && <div className="alert alert-error" role="alert">{e.message}</div>}
      </section>
      {e && e.errors.length > 0 && <ProblemsTable problems={e.errors} total={e.total_errors} />}
    </>
  );
}

function ProblemsTable({ problems, total, hint = 'correct the file or the columns, then check again.' }: { problems: Problem[]; total: number; hint?: string }) {
  const download = () =>
    downloadText('import-problems.csv', toCsv([['Row', 'Column', 'Field', 'Problem'], ...problems.map((p) => [p.row, p.column, p.field ? importFieldLabel(p.field) : '', p.problem])]));
  return (
    <TableCard
      title="Problems"
      note={total > problems.length ? `The first ${formatNumber(problems.length)} of ${formatNumber(total)} problems.` : `${formatNumber(total)} problem${total === 1 ? '' : 's'}: ${hint}`}
      testId="import-problems"
    >
      <div className="card-actions-pad">
        <button type="button" className="btn btn-small" onClick={download} data-testid="download-problems">
          <Icon name="download" size={14} /> Download problems as CSV
        </button>
      </div>
      <DataTable
        columns={[numCol('Row'), 'Column', 'Field', 'Problem']}
        rows={problems.map((p, i) => (
          <tr key={i} data-testid="problem-row">
            <td className="num">{p.row ?? '—'}</td>
            <td>{p.column || '—'}</td>
            <td>{p.field ? importFieldLabel(p.field) : '—'}</td>
            <td>{p.problem}</td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

function EventImportResult({ result }: { result: ApiAnswer<'/api/import/events', 'post'> }) {
  return (
    <div data-testid="event-import-result">
      <Counts
        testId="event-import-counts"
        items={[
          ['Rows', result.rows],
          ['New events', result.stored],
          ['Already imported', result.duplicates],
          ['Rows refused', result.failed],
          ['Still being processed', result.processing],
        ]}
      />
      {result.errors.length > 0 && <ProblemsTable problems={result.errors} total={result.total_errors} hint="these rows were not stored; the others were." />}
      <Link to="/sources" className="btn">
        See the sources report
      </Link>
    </div>
  );
}

function ImportResult({ job, object }: { job: Job; object: ImportObject }): ReactNode {
  const list = listOf[object];
  if (job.error) {
    return (
      <>
        <div className="alert alert-error" role="alert">
          {job.error.message}
        </div>
        {job.error.errors.length > 0 && <ProblemsTable problems={job.error.errors} total={job.error.total_errors} />}
      </>
    );
  }
  const s = job.summary!;
  const noun = importObjectLabels[object].toLowerCase();
  return (
    <>
      <h2 className="card-title">Imported</h2>
      <Counts
        testId="import-counts"
        items={[
          ['Rows', s.rows],
          [`New ${noun}`, s.created],
          ['Updated', s.updated],
          ['Unchanged', s.unchanged],
        ]}
      />
      {s.properties_created.length > 0 && <p className="muted">New custom properties: {s.properties_created.map((p) => p.label).join(', ')}.</p>}
      {s.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <Link to={list.to} className="btn btn-primary" data-testid="imported-list-link">
        {list.label}
      </Link>
    </>
  );
}
