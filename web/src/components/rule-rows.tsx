import { useMemo } from 'react';
import type { FitOp, ScoringVocabulary } from '../api-types';
import { humanize } from '../format';
import { fieldLabel, propertyOpLabels } from '../scoring-format';
import { Field } from './field';
import { Select, type SelectOption } from './select';

// The pieces a fit rule and an MQL property condition share (they share the server's grammar,
// property-test.ts), and the pickers of events, assets and campaigns interest rules and behaviour
// conditions use: each row keeps what was typed as text and becomes JSON when sent.

type ValueType = 'string' | 'number' | 'boolean';

/** A property test as its inputs hold it. */
export interface PropertyTestDraft {
  field: string;
  op: FitOp;
  value: string;
  /** The upper bound of "is between". */
  value2: string;
  /** What an "is" value was saved as: a number or true/false stays one. */
  valueType: ValueType;
}

export const blankPropertyTest = (): PropertyTestDraft => ({ field: '', op: 'equals', value: '', value2: '', valueType: 'string' });

export function propertyTestDraft(t: { field: string; op: FitOp; value: unknown }): PropertyTestDraft {
  const v = t.value;
  return {
    field: t.field,
    op: t.op,
    value: Array.isArray(v) ? (t.op === 'between' ? String(v[0]) : v.join(', ')) : String(v),
    value2: t.op === 'between' && Array.isArray(v) ? String(v[1]) : '',
    valueType: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string',
  };
}

/** A number when the text is one; otherwise the text, so the server names the field that is not a number. */
export const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

export function propertyTestJson(d: PropertyTestDraft): { field: string; op: FitOp; value: unknown } {
  const base = { field: d.field, op: d.op };
  switch (d.op) {
    case 'equals':
      return { ...base, value: d.valueType === 'number' ? num(d.value) : d.valueType === 'boolean' && /^(true|false)$/i.test(d.value.trim()) ? d.value.trim().toLowerCase() === 'true' : d.value };
    case 'in':
      return { ...base, value: d.value.split(',').map((s) => s.trim()).filter(Boolean) };
    case 'matches':
      return { ...base, value: d.value };
    case 'between':
      return { ...base, value: [num(d.value), num(d.value2)] };
    case 'exists':
      return { ...base, value: d.value !== 'false' };
    default:
      return { ...base, value: num(d.value) };
  }
}

const ops = Object.keys(propertyOpLabels) as FitOp[];

/** A field's name as the picker shows it: a custom property's label, else its column in words ("Company: Employees"). */
function fieldOptions(vocabulary: ScoringVocabulary | undefined, current: string): SelectOption[] {
  // Keys and bookkeeping columns (ids, the row's own timestamps) are nothing a rule tests.
  const technical = /(^id$|_id$|^properties$|_normalized$|^created_at$|^updated_at$|^search)/;
  const options = (vocabulary?.fields ?? [])
    .filter((f) => f.custom || !technical.test(f.name))
    .map((f) => ({ value: f.path, label: `${humanize(f.object)}: ${f.label ?? humanize(f.name)}` }));
  if (current && !options.some((o) => o.value === current)) options.unshift({ value: current, label: fieldLabel(current) });
  return options;
}

/** Field, test and value(s) of a property test. */
export function PropertyTestFields({ draft: d, vocabulary, onChange }: { draft: PropertyTestDraft; vocabulary: ScoringVocabulary | undefined; onChange: (patch: Partial<PropertyTestDraft>) => void }) {
  const fields = useMemo(() => fieldOptions(vocabulary, d.field), [vocabulary, d.field]);
  return (
    <>
      <Field label="Field">
        <Select name="field" options={fields} emptyLabel="Choose…" value={d.field} onChange={(e) => onChange({ field: e.target.value })} />
      </Field>
      <Field label="Test">
        <Select name="op" options={ops.map((o) => ({ value: o, label: propertyOpLabels[o] }))} value={d.op} onChange={(e) => onChange({ op: e.target.value as FitOp })} />
      </Field>
      {d.op === 'exists' ? (
        <Field label="Value">
          <Select name="value" options={[{ value: 'true', label: 'Set' }, { value: 'false', label: 'Empty' }]} value={d.value === 'false' ? 'false' : 'true'} onChange={(e) => onChange({ value: e.target.value })} />
        </Field>
      ) : (
        <Field label={d.op === 'in' ? 'Values (comma-separated)' : d.op === 'between' ? 'From' : d.op === 'matches' ? 'Pattern' : 'Value'}>
          <input name="value" value={d.value} onChange={(e) => onChange({ value: e.target.value })} />
        </Field>
      )}
      {d.op === 'between' && (
        <Field label="To">
          <input name="value2" value={d.value2} onChange={(e) => onChange({ value2: e.target.value })} inputMode="decimal" />
        </Field>
      )}
    </>
  );
}

/** The options of a picker over known names, with the current value kept even when it is not (or no longer) known. */
function withCurrent(options: SelectOption[], current: string): SelectOption[] {
  return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options;
}

/** Activity, asset and (for interest rules) campaign pickers of an event match. */
export function EventMatchFields({
  event, asset, campaign, vocabulary, onChange,
}: { event: string; asset: string; campaign?: string; vocabulary: ScoringVocabulary | undefined; onChange: (patch: { event?: string; asset?: string; campaign?: string }) => void }) {
  const events = useMemo(() => withCurrent([{ value: 'page', label: 'Page view' }, ...(vocabulary?.events ?? []).map((e) => ({ value: e, label: e }))], event), [vocabulary, event]);
  const assets = useMemo(() => withCurrent((vocabulary?.assets ?? []).map((a) => ({ value: a.key, label: a.name ? `${a.name} (${a.key})` : a.key })), asset), [vocabulary, asset]);
  const campaigns = useMemo(() => withCurrent((vocabulary?.campaigns ?? []).map((c) => ({ value: c.key, label: c.name })), campaign ?? ''), [vocabulary, campaign]);
  return (
    <>
      <Field label="Activity">
        <Select name="event" options={events} emptyLabel="Choose…" value={event} onChange={(e) => onChange({ event: e.target.value })} />
      </Field>
      <Field label="On asset">
        <Select name="asset" options={assets} emptyLabel="Any" value={asset} onChange={(e) => onChange({ asset: e.target.value })} />
      </Field>
      {campaign !== undefined && (
        <Field label="In campaign">
          <Select name="campaign" options={campaigns} emptyLabel="Any" value={campaign} onChange={(e) => onChange({ campaign: e.target.value })} />
        </Field>
      )}
    </>
  );
}
