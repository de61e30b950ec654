import { useState, type FormEvent } from 'react';
import { ProblemAlert } from './problem-alert';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut, apiSendDocument, isApiError, type FieldProblem } from '../api';
import { mqlTypes, type MqlDefinition, type MqlType, type ScoringVocabulary } from '../api-types';
import { humanize } from '../format';
import { mqlDefinitionKey, useScoringVocabulary } from '../queries';
import { conditionKindLabels } from '../scoring-format';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { ScoringPreviewResult } from './scoring-preview';
import { blankPropertyTest, EventMatchFields, num, PropertyTestFields, propertyTestDraft, propertyTestJson, type PropertyTestDraft } from './rule-rows';
import { codeOptions, Select, type SelectOption } from './select';

type Kind = 'property' | 'score' | 'behaviour';

/** A condition as its row edits it: every input's text, whatever the kind (switching kind keeps what was typed). */
interface DraftCondition extends PropertyTestDraft {
  key: number;
  kind: Kind;
  score: 'fit' | 'interest' | 'predicted';
  scoreOp: 'gte' | 'lte';
  event: string;
  asset: string;
  withinDays: string;
  minCount: string;
}

interface DraftClause {
  key: number;
  /** The id MQLs record; kept for a saved clause, made from the label for a new one (never shown). */
  id: string;
  label: string;
  mqlType: MqlType | '';
  conditions: DraftCondition[];
}

export type ApplyMode = 'everyone' | 'new_activity';

let nextKey = 1;
const blankCondition = (): DraftCondition => ({ key: nextKey++, kind: 'property', ...blankPropertyTest(), score: 'fit', scoreOp: 'gte', event: '', asset: '', withinDays: '', minCount: '1' });

function toDraft(def: MqlDefinition): DraftClause[] {
  return def.clauses.map((c) => ({
    key: nextKey++,
    id: c.id,
    label: c.label,
    mqlType: c.mqlType ?? '',
    conditions: c.conditions.map((k): DraftCondition => {
      const d = blankCondition();
      if (k.kind === 'property') return { ...d, kind: 'property', ...propertyTestDraft(k) };
      if (k.kind === 'score') return { ...d, kind: 'score', score: k.score, scoreOp: k.op, value: String(k.value) };
      return { ...d, kind: 'behaviour', event: k.event, asset: k.asset ?? '', withinDays: k.withinDays === undefined ? '' : String(k.withinDays), minCount: String(k.minCount) };
    }),
  }));
}

function conditionJson(c: DraftCondition): unknown {
  if (c.kind === 'score') return { kind: 'score', score: c.score, op: c.scoreOp, value: num(c.value) };
  if (c.kind === 'behaviour') {
    return {
      kind: 'behaviour', event: c.event,
      ...(c.asset ? { asset: c.asset } : {}),
      ...(c.withinDays.trim() ? { withinDays: num(c.withinDays) } : {}),
      minCount: c.minCount.trim() ? num(c.minCount) : 1,
    };
  }
  return { kind: 'property', ...propertyTestJson(c) };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'clause';

function definitionJson(clauses: DraftClause[]): { clauses: unknown[] } {
  const used = new Set<string>();
  return {
    clauses: clauses.map((c) => {
      let id = c.id || slug(c.label);
      for (let n = 2; used.has(id); n++) id = `${c.id || slug(c.label)}-${n}`;
      used.add(id);
      return { id, label: c.label, ...(c.mqlType ? { mqlType: c.mqlType } : {}), conditions: c.conditions.map(conditionJson) };
    }),
  };
}

/** "clauses[1].conditions[0].value" → which clause and condition, and the part of the row, in words. */
function describeProblem(p: FieldProblem, clauses: DraftClause[]): string {
  const m = /^clauses\[(\d+)\](?:\.conditions\[(\d+)\])?(?:\.(\w+))?/.exec(p.field);
  if (!m) return p.problem;
  const clause = clauses[Number(m[1])];
  const where = [`Clause “${clause?.label || `${Number(m[1]) + 1}`}”`];
  if (m[2] !== undefined) where.push(`condition ${Number(m[2]) + 1}`);
  if (m[3] && m[3] !== 'conditions') where.push(partLabels[m[3]] ?? humanize(m[3]).toLowerCase());
  return `${where.join(', ')}: ${p.problem}`;
}
const partLabels: Record<string, string> = { field: 'field', op: 'test', value: 'value', event: 'activity', asset: 'asset', withinDays: 'days', minCount: 'times', score: 'score', label: 'name', mqlType: 'MQL type', id: 'name' };

/** Clauses whose MQLs would have no type of their own: their value is the Other type's, which is 0 until someone sets it. */
function typelessProblems(clauses: DraftClause[]): string[] {
  return clauses
    .filter((c) => !c.mqlType)
    .map((c) => `Clause “${c.label || 'unnamed'}” has no MQL type: its MQLs would be typed Other (or by the offer they last answered) and valued at 0. Pick the MQL type it stands for.`);
}

/**
 * The MQL definition edited as rows: clauses (any one qualifies) of conditions (all must hold), each
 * condition a field, score or activity test with pickers for the names the server knows. Preview
 * shows what saving would do; save asks whether to re-evaluate everyone or only new activity.
 */
export function MqlDefinitionBuilder({ definition, onSaved }: { definition: MqlDefinition; onSaved: (saved: { version: number }, apply: ApplyMode) => void }) {
  const queryClient = useQueryClient();
  const vocabulary = useScoringVocabulary();
  const [clauses, setClauses] = useState<DraftClause[]>(() => toDraft(definition));
  const [baseline, setBaseline] = useState(() => JSON.stringify(definitionJson(toDraft(definition))));
  const [apply, setApply] = useState<ApplyMode>('everyone');
  // Once a save was refused for typeless clauses, the message follows the clauses: it goes when each has a type.
  const [triedSave, setTriedSave] = useState(false);
  const refused = triedSave ? typelessProblems(clauses) : [];
  const current = definitionJson(clauses);
  const text = JSON.stringify(current);
  const dirty = text !== baseline;

  const save = useMutation({
    mutationFn: ({ value, mode }: { value: unknown; mode: ApplyMode }) => apiPut('/api/scoring/mql-definition', { params: { query: { apply: mode } }, body: value as never }),
    onSuccess: (saved, { mode }) => {
      setClauses(toDraft(saved.value));
      setBaseline(JSON.stringify(definitionJson(toDraft(saved.value))));
      queryClient.setQueryData(mqlDefinitionKey, saved);
      onSaved(saved, mode);
      return queryClient.invalidateQueries({ queryKey: mqlDefinitionKey });
    },
  });
  const [previewed, setPreviewed] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (value: unknown) => apiSendDocument('post', '/api/scoring/mql-definition/preview', value) });
  const previewCurrent = previewed === text;

  const update = (i: number, change: (c: DraftClause) => DraftClause) => setClauses((cs) => cs.map((c, k) => (k === i ? change(c) : c)));
  const updateCondition = (i: number, j: number, patch: Partial<DraftCondition>) =>
    update(i, (c) => ({ ...c, conditions: c.conditions.map((k, n) => (n === j ? { ...k, ...patch } : k)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The API still takes a clause without a type (older definitions have them); here every clause names the offer it stands for.
    setTriedSave(true);
    if (typelessProblems(clauses).length) return;
    save.mutate({ value: current, mode: apply });
  };
  const runPreview = () => {
    setPreviewed(text);
    preview.mutate(current);
  };
  const saveProblems = save.isError && isApiError(save.error) ? save.error.errors : [];
  const previewProblems = previewCurrent && preview.isError && isApiError(preview.error) ? preview.error.errors : [];
  const labelOfClause = (id: string) => (current.clauses as { id: string; label: string }[]).find((c) => c.id === id)?.label ?? id;

  return (
    <form className="mql-builder" onSubmit={submit} noValidate data-testid="mql-builder">
      {clauses.map((c, i) => (
        <div key={c.key}>
          {i > 0 && <div className="mql-or">or</div>}
          <fieldset className="mql-clause" data-testid="mql-clause">
            <legend className="visually-hidden">Clause {i + 1}</legend>
            <div className="mql-clause-head">
              <Field label="Clause name">
                <input value={c.label} onChange={(e) => update(i, (x) => ({ ...x, label: e.target.value }))} name="label" required />
              </Field>
              <Field label="MQL type">
                <Select
                  name="mqlType"
                  options={codeOptions(mqlTypes)}
                  emptyLabel="Choose…"
                  value={c.mqlType}
                  onChange={(e) => update(i, (x) => ({ ...x, mqlType: e.target.value as MqlType | '' }))}
                  aria-invalid={refused.length > 0 && !c.mqlType}
                />
              </Field>
              <button type="button" className="btn btn-small" onClick={() => setClauses((cs) => cs.filter((_, k) => k !== i))} disabled={clauses.length === 1}>
                Remove clause
              </button>
            </div>
            {c.conditions.map((k, j) => (
              <ConditionRow
                key={k.key}
                condition={k}
                first={j === 0}
                vocabulary={vocabulary.data}
                onChange={(patch) => updateCondition(i, j, patch)}
                onRemove={c.conditions.length > 1 ? () => update(i, (x) => ({ ...x, conditions: x.conditions.filter((_, n) => n !== j) })) : undefined}
              />
            ))}
            <button type="button" className="btn btn-small" onClick={() => update(i, (x) => ({ ...x, conditions: [...x.conditions, blankCondition()] }))} data-testid="add-condition">
              Add condition
            </button>
          </fieldset>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setClauses((cs) => [...cs, { key: nextKey++, id: '', label: `Clause ${cs.length + 1}`, mqlType: '', conditions: [blankCondition()] }])}
        data-testid="add-clause"
      >
        Add clause
      </button>
      <ErrorMessage error={vocabulary.error} />

      {refused.length > 0 && (
        <ProblemAlert title="Nothing was saved." lines={refused} testId="typeless-refused" />
      )}
      {saveProblems.length > 0 ? (
        <ProblemAlert title="Nothing was saved. Fix these and save again:" lines={saveProblems.map((p) => describeProblem(p, clauses))} testId="setting-errors" />
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {previewCurrent &&
        (previewProblems.length > 0 ? (
          <ProblemAlert title="This cannot be previewed. Fix these first:" lines={previewProblems.map((p) => describeProblem(p, clauses))} testId="preview-errors" />
        ) : preview.isError ? (
          <ErrorMessage error={preview.error} />
        ) : (
          preview.isSuccess && <ScoringPreviewResult preview={preview.data} clauseLabel={labelOfClause} showQuadrants={false} />
        ))}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved as version {save.data.version}.{' '}
          {save.variables?.mode === 'new_activity' ? 'It applies from now on: each contact is judged by it when it next acts.' : 'Everyone is being re-evaluated by it.'}
        </div>
      )}

      <fieldset className="checkbox-group apply-mode" data-testid="apply-mode">
        <legend className="field-label">When saved</legend>
        <label className="checkbox">
          <input type="radio" name="apply" value="everyone" checked={apply === 'everyone'} onChange={() => setApply('everyone')} /> Re-evaluate everyone now: whoever it
          qualifies becomes an MQL within minutes and is routed (the preview's figures)
        </label>
        <label className="checkbox">
          <input type="radio" name="apply" value="new_activity" checked={apply === 'new_activity'} onChange={() => setApply('new_activity')} /> Apply to new activity only: each
          contact is judged by it the next time it acts or its details change
        </label>
      </fieldset>
      <div className="form-actions">
        {dirty && (
          <button type="button" className="btn" onClick={() => { setClauses(toDraft(definition)); setTriedSave(false); }} disabled={save.isPending}>
            Discard changes
          </button>
        )}
        <button type="button" className="btn" onClick={runPreview} disabled={preview.isPending || save.isPending} data-testid="preview-setting">
          {preview.isPending ? 'Previewing…' : 'Preview'}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}


const scoreOptions: SelectOption[] = [
  { value: 'fit', label: 'Fit' },
  { value: 'interest', label: 'Interest' },
  { value: 'predicted', label: 'Predicted (%)' },
];

function ConditionRow({
  condition: c, first, vocabulary, onChange, onRemove,
}: { condition: DraftCondition; first: boolean; vocabulary: ScoringVocabulary | undefined; onChange: (patch: Partial<DraftCondition>) => void; onRemove?: () => void }) {
  return (
    <div className="mql-condition" data-testid="mql-condition">
      <span className="mql-and">{first ? 'When' : 'and'}</span>
      <Field label="Condition on">
        <Select name="kind" options={(['property', 'score', 'behaviour'] as Kind[]).map((k) => ({ value: k, label: conditionKindLabels[k] }))} value={c.kind} onChange={(e) => onChange({ kind: e.target.value as Kind })} />
      </Field>
      {c.kind === 'property' && <PropertyTestFields draft={c} vocabulary={vocabulary} onChange={onChange} />}
      {c.kind === 'score' && (
        <>
          <Field label="Score">
            <Select name="score" options={scoreOptions} value={c.score} onChange={(e) => onChange({ score: e.target.value as DraftCondition['score'] })} />
          </Field>
          <Field label="Test">
            <Select name="scoreOp" options={[{ value: 'gte', label: 'is at least' }, { value: 'lte', label: 'is at most' }]} value={c.scoreOp} onChange={(e) => onChange({ scoreOp: e.target.value as 'gte' | 'lte' })} />
          </Field>
          <Field label="Points">
            <input name="value" value={c.value} onChange={(e) => onChange({ value: e.target.value })} inputMode="decimal" size={6} />
          </Field>
        </>
      )}
      {c.kind === 'behaviour' && (
        <>
          <EventMatchFields event={c.event} asset={c.asset} vocabulary={vocabulary} onChange={onChange} />
          <Field label="At least (times)">
            <input name="minCount" value={c.minCount} onChange={(e) => onChange({ minCount: e.target.value })} inputMode="numeric" size={4} />
          </Field>
          <Field label="Within (days)">
            <input name="withinDays" value={c.withinDays} onChange={(e) => onChange({ withinDays: e.target.value })} inputMode="numeric" size={4} placeholder="Ever" />
          </Field>
        </>
      )}
      {onRemove && (
        <button type="button" className="btn btn-small" onClick={onRemove} aria-label="Remove condition">
          Remove
        </button>
      )}
    </div>
  );
}
