import { useState, type FormEvent } from 'react';
import { ProblemAlert } from './problem-alert';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSendDocument, isApiError, type FieldProblem } from '../api';
import type { ScoringModel } from '../api-types';
import { formatNumber, humanize } from '../format';
import { scoringModelKey, useScoringVocabulary } from '../queries';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { blankPropertyTest, EventMatchFields, num, PropertyTestFields, propertyTestDraft, propertyTestJson, type PropertyTestDraft } from './rule-rows';
import { ScoringPreviewResult } from './scoring-preview';

interface FitDraft extends PropertyTestDraft {
  key: number;
  /** Kept for a saved rule (contacts' score reasons name it); made from the name for a new one. Never shown. */
  id: string;
  label: string;
  points: string;
}

interface InterestDraft {
  key: number;
  id: string;
  label: string;
  event: string;
  asset: string;
  campaign: string;
  points: string;
  maxTimes: string;
}

interface ModelDraft {
  fit: FitDraft[];
  interest: InterestDraft[];
  halfLifeDays: string;
  fitThreshold: string;
  interestThreshold: string;
}

let nextKey = 1;

function toDraft(m: ScoringModel): ModelDraft {
  return {
    fit: m.fit.map((r) => ({ key: nextKey++, id: r.id, label: r.label, points: String(r.points), ...propertyTestDraft(r) })),
    interest: m.interest.map((r) => ({
      key: nextKey++, id: r.id, label: r.label, event: r.event, asset: r.asset ?? '', campaign: r.campaign ?? '', points: String(r.points), maxTimes: r.maxTimes === undefined ? '' : String(r.maxTimes),
    })),
    halfLifeDays: m.halfLifeDays === null ? '' : String(m.halfLifeDays),
    fitThreshold: String(m.thresholds.fit),
    interestThreshold: String(m.thresholds.interest),
  };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rule';

/** Ids for rules that have none yet, unique within their list. */
function withIds<T extends { id: string; label: string }>(rules: T[]): (T & { id: string })[] {
  const used = new Set(rules.map((r) => r.id).filter(Boolean));
  return rules.map((r) => {
    if (r.id) return r;
    let id = slug(r.label);
    for (let n = 2; used.has(id); n++) id = `${slug(r.label)}-${n}`;
    used.add(id);
    return { ...r, id };
  });
}

/** The model as the API takes it; frequency rules are not edited here and go back as they were. */
function modelJson(d: ModelDraft, frequency: ScoringModel['frequency']): unknown {
  return {
    fit: withIds(d.fit).map((r) => ({ id: r.id, label: r.label, ...propertyTestJson(r), points: num(r.points) })),
    interest: withIds(d.interest).map((r) => ({
      id: r.id, label: r.label, event: r.event, ...(r.asset ? { asset: r.asset } : {}), ...(r.campaign ? { campaign: r.campaign } : {}), points: num(r.points), ...(r.maxTimes.trim() ? { maxTimes: num(r.maxTimes) } : {}),
    })),
    frequency,
    halfLifeDays: d.halfLifeDays.trim() ? num(d.halfLifeDays) : null,
    thresholds: { fit: num(d.fitThreshold), interest: num(d.interestThreshold) },
  };
}

const partLabels: Record<string, string> = { field: 'field', op: 'test', value: 'value', event: 'activity', asset: 'asset', campaign: 'campaign', points: 'points', maxTimes: 'counted up to', label: 'name', id: 'name' };

/** "fit[1].value" → "Fit rule “Senior title”, value: …", by the rule's name rather than its position in the JSON. */
function describeProblem(p: FieldProblem, d: ModelDraft): string {
  const m = /^(fit|interest|frequency)\[(\d+)\](?:\.(\w+))?/.exec(p.field);
  if (m) {
    const list = m[1] === 'fit' ? d.fit : m[1] === 'interest' ? d.interest : [];
    const rule = list[Number(m[2])];
    const where = `${humanize(m[1])} rule “${rule?.label || formatNumber(Number(m[2]) + 1)}”${m[3] ? `, ${partLabels[m[3]] ?? humanize(m[3]).toLowerCase()}` : ''}`;
    return `${where}: ${p.problem}`;
  }
  if (p.field.startsWith('thresholds.')) return `${humanize(p.field.slice('thresholds.'.length))} threshold: ${p.problem}`;
  if (p.field === 'halfLifeDays') return `Half-life: ${p.problem}`;
  return p.problem;
}

/**
 * The scoring model's fit and interest rules edited as rows (points per rule), with its half-life
 * and thresholds; frequency rules stay as they are (edited as JSON). Preview shows what saving
 * would do; a save rescores everyone.
 */
export function ScoringModelBuilder({ model, clauseLabel, onSaved }: { model: ScoringModel; clauseLabel: (id: string) => string; onSaved: (saved: { version: number }) => void }) {
  const queryClient = useQueryClient();
  const vocabulary = useScoringVocabulary();
  const [draft, setDraft] = useState<ModelDraft>(() => toDraft(model));
  const [frequency, setFrequency] = useState(model.frequency);
  const [baseline, setBaseline] = useState(() => JSON.stringify(modelJson(toDraft(model), model.frequency)));
  const current = modelJson(draft, frequency);
  const text = JSON.stringify(current);
  const dirty = text !== baseline;

  const save = useMutation({
    mutationFn: (value: unknown) => apiSendDocument('put', '/api/scoring/model', value),
    onSuccess: (saved) => {
      setDraft(toDraft(saved.value));
      setFrequency(saved.value.frequency);
      setBaseline(JSON.stringify(modelJson(toDraft(saved.value), saved.value.frequency)));
      queryClient.setQueryData(scoringModelKey, saved);
      onSaved(saved);
      return queryClient.invalidateQueries({ queryKey: scoringModelKey });
    },
  });
  const [previewed, setPreviewed] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (value: unknown) => apiSendDocument('post', '/api/scoring/model/preview', value) });
  const previewCurrent = previewed === text;
  const saveProblems = save.isError && isApiError(save.error) ? save.error.errors : [];
  const previewProblems = previewCurrent && preview.isError && isApiError(preview.error) ? preview.error.errors : [];

  const setFit = (i: number, patch: Partial<FitDraft>) => setDraft((d) => ({ ...d, fit: d.fit.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const setInterest = (i: number, patch: Partial<InterestDraft>) => setDraft((d) => ({ ...d, interest: d.interest.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(current);
  };

  return (
    <form className="mql-builder" onSubmit={submit} noValidate data-testid="model-builder">
      <fieldset className="mql-clause" data-testid="fit-rules">
        <legend className="subhead">Fit: who they are</legend>
        {draft.fit.map((r, i) => (
          <div className="mql-condition" key={r.key} data-testid="fit-rule">
            <Field label="Rule name">
              <input name="label" value={r.label} onChange={(e) => setFit(i, { label: e.target.value })} />
            </Field>
            <PropertyTestFields draft={r} vocabulary={vocabulary.data} onChange={(patch) => setFit(i, patch)} />
            <Field label="Points">
              <input name="points" value={r.points} onChange={(e) => setFit(i, { points: e.target.value })} inputMode="decimal" size={5} />
            </Field>
            <button type="button" className="btn btn-small" onClick={() => setDraft((d) => ({ ...d, fit: d.fit.filter((_, k) => k !== i) }))}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setDraft((d) => ({ ...d, fit: [...d.fit, { key: nextKey++, id: '', label: `Fit rule ${d.fit.length + 1}`, points: '10', ...blankPropertyTest() }] }))}
          data-testid="add-fit-rule"
        >
          Add fit rule
        </button>
      </fieldset>

      <fieldset className="mql-clause" data-testid="interest-rules">
        <legend className="subhead">Interest: what they do</legend>
        {draft.interest.map((r, i) => (
          <div className="mql-condition" key={r.key} data-testid="interest-rule">
            <Field label="Rule name">
              <input name="label" value={r.label} onChange={(e) => setInterest(i, { label: e.target.value })} />
            </Field>
            <EventMatchFields event={r.event} asset={r.asset} campaign={r.campaign} vocabulary={vocabulary.data} onChange={(patch) => setInterest(i, patch)} />
            <Field label="Points each time">
              <input name="points" value={r.points} onChange={(e) => setInterest(i, { points: e.target.value })} inputMode="decimal" size={5} />
            </Field>
            <Field label="Counted up to (times)">
              <input name="maxTimes" value={r.maxTimes} onChange={(e) => setInterest(i, { maxTimes: e.target.value })} inputMode="numeric" size={4} placeholder="No limit" />
            </Field>
            <button type="button" className="btn btn-small" onClick={() => setDraft((d) => ({ ...d, interest: d.interest.filter((_, k) => k !== i) }))}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            setDraft((d) => ({ ...d, interest: [...d.interest, { key: nextKey++, id: '', label: `Interest rule ${d.interest.length + 1}`, event: '', asset: '', campaign: '', points: '5', maxTimes: '' }] }))
          }
          data-testid="add-interest-rule"
        >
          Add interest rule
        </button>
        {frequency.length > 0 && (
          <p className="muted small">
            {formatNumber(frequency.length)} frequency {frequency.length === 1 ? 'rule' : 'rules'} (points for doing something several times) stay as they are; edit them as
            JSON.
          </p>
        )}
      </fieldset>

      <div className="mql-clause-head">
        <Field label="Fit threshold" hint="Points from which the fit is good">
          <input name="fitThreshold" value={draft.fitThreshold} onChange={(e) => setDraft((d) => ({ ...d, fitThreshold: e.target.value }))} inputMode="decimal" size={5} />
        </Field>
        <Field label="Interest threshold" hint="Points from which interest is high">
          <input name="interestThreshold" value={draft.interestThreshold} onChange={(e) => setDraft((d) => ({ ...d, interestThreshold: e.target.value }))} inputMode="decimal" size={5} />
        </Field>
        <Field label="Half-life (days)" hint="Interest points halve every so many days; empty: they never fade">
          <input name="halfLifeDays" value={draft.halfLifeDays} onChange={(e) => setDraft((d) => ({ ...d, halfLifeDays: e.target.value }))} inputMode="decimal" size={5} />
        </Field>
      </div>
      <ErrorMessage error={vocabulary.error} />

      {saveProblems.length > 0 ? (
        <ProblemAlert title="Nothing was saved. Fix these and save again:" lines={saveProblems.map((x) => describeProblem(x, draft))} testId="setting-errors" />
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {previewCurrent &&
        (previewProblems.length > 0 ? (
          <ProblemAlert title="This cannot be previewed. Fix these first:" lines={previewProblems.map((x) => describeProblem(x, draft))} testId="preview-errors" />
        ) : preview.isError ? (
          <ErrorMessage error={preview.error} />
        ) : (
          preview.isSuccess && <ScoringPreviewResult preview={preview.data} clauseLabel={clauseLabel} />
        ))}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved as version {save.data.version}.
        </div>
      )}
      <div className="form-actions">
        {dirty && (
          <button type="button" className="btn" onClick={() => setDraft(toDraft(model))} disabled={save.isPending}>
            Discard changes
          </button>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => {
            setPreviewed(text);
            preview.mutate(current);
          }}
          disabled={preview.isPending || save.isPending}
          data-testid="preview-setting"
        >
          {preview.isPending ? 'Previewing…' : 'Preview'}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

