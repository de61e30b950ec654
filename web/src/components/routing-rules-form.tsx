import { useMemo, useState, type FormEvent } from 'react';
import { ProblemAlert } from './problem-alert';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiSendDocument, isApiError, type ApiAnswer, type FieldProblem } from '../api';
import { formatNumber, routingScoreFieldLabels } from '../format';
import { useScoringVocabulary, useUsers } from '../queries';
import { useDebouncedValue } from '../use-debounced-value';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { blankPropertyTest, PropertyTestFields, propertyTestDraft, propertyTestJson, type PropertyTestDraft } from './rule-rows';
import { Select, type SelectOption } from './select';

/** The MQL rules (to SDRs and reps) or the account-executive rules (SQLs an SDR accepted): one document shape. */
type RulesPath = '/api/routing/rules' | '/api/routing/ae-rules';
type RoutingRules = ApiAnswer<'/api/routing/rules', 'get'>;
const matchesPath = '/api/routing/rules/matches';
type RoutingRule = RoutingRules['rules'][number];

interface DraftCondition extends PropertyTestDraft {
  key: number;
}

interface DraftRule {
  key: number;
  /** Kept for a saved rule, made from the name for a new one (never shown). */
  id: string;
  name: string;
  conditions: DraftCondition[];
  /** '' : any sales rep. */
  team: string;
  lightCheck: boolean;
}

let nextKey = 1;
const blankCondition = (): DraftCondition => ({ key: nextKey++, ...blankPropertyTest() });

function toDraft(r: RoutingRule): DraftRule {
  return { key: nextKey++, id: r.id, name: r.name, team: r.team ?? '', lightCheck: r.lightCheck, conditions: r.conditions.map((c) => ({ key: nextKey++, ...propertyTestDraft(c) })) };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rule';

function rulesJson(rules: DraftRule[], fallbackTeam: string, keepExistingOwner: boolean) {
  const used = new Set<string>();
  return {
    rules: rules.map((r) => {
      let id = r.id || slug(r.name);
      for (let n = 2; used.has(id); n++) id = `${r.id || slug(r.name)}-${n}`;
      used.add(id);
      return { id, name: r.name, conditions: r.conditions.map(propertyTestJson), team: r.team || null, lightCheck: r.lightCheck };
    }),
    fallbackTeam: fallbackTeam || null,
    keepExistingOwner,
  };
}

const partLabels: Record<string, string> = { id: 'name', name: 'name', team: 'team', field: 'field', op: 'test', value: 'value', conditions: 'conditions' };

/** "rules[0].conditions[1].value" → "Rule “Spain”, condition 2, value: …". */
function describeProblem(p: FieldProblem, rules: DraftRule[]): string {
  if (p.field === 'fallbackTeam') return `Team for the other leads: ${p.problem}`;
  if (p.field === 'keepExistingOwner') return `Keep the existing owner: ${p.problem}`;
  const m = /^rules\[(\d+)\](?:\.conditions\[(\d+)\])?(?:\.(\w+))?/.exec(p.field);
  if (!m) return p.problem;
  const where = [`Rule “${rules[Number(m[1])]?.name || Number(m[1]) + 1}”`];
  if (m[2] !== undefined) where.push(`condition ${Number(m[2]) + 1}`);
  if (m[3]) where.push(partLabels[m[3]] ?? m[3]);
  return `${where.join(', ')}: ${p.problem}`;
}

/**
 * Routing rules edited as rows, tried in order: conditions on the contact and its company (the
 * grammar of fit rules) send a lead to a team, which round-robins it among its available reps.
 */
export function RoutingRulesForm({ rules: saved, readOnly = false, path = '/api/routing/rules', testId = 'routing-rules-form' }: { rules: RoutingRules; readOnly?: boolean; path?: RulesPath; testId?: string }) {
  const queryClient = useQueryClient();
  const scoring = useScoringVocabulary();
  // Routing may also read the contact's scores (the quadrant: Fans to a light check).
  const vocabulary = useMemo(
    () => ({
      ...scoring,
      data: scoring.data && {
        ...scoring.data,
        fields: [
          ...scoring.data.fields,
          ...Object.entries(routingScoreFieldLabels).map(([path, label]) => ({ path, object: 'contact' as const, name: path.split('.')[1]!, custom: false, label })),
        ],
      },
    }),
    [scoring],
  );
  const users = useUsers();
  const [rules, setRules] = useState<DraftRule[]>(() => saved.rules.map(toDraft));
  const [fallbackTeam, setFallbackTeam] = useState(saved.fallbackTeam ?? '');
  const [keepOwner, setKeepOwner] = useState(saved.keepExistingOwner);
  const [baseline, setBaseline] = useState(() => JSON.stringify(rulesJson(saved.rules.map(toDraft), saved.fallbackTeam ?? '', saved.keepExistingOwner)));
  const current = rulesJson(rules, fallbackTeam, keepOwner);
  const dirty = JSON.stringify(current) !== baseline;
  // Who each rule would take, counted by the server as the rules are edited.
  const matchBody = useDebouncedValue(JSON.stringify({ rules: current.rules.map((r) => ({ conditions: r.conditions })) }), 400);
  const forAes = path === '/api/routing/ae-rules';
  const matches = useQuery({
    queryKey: [matchesPath, matchBody],
    queryFn: () => apiSendDocument('post', matchesPath, JSON.parse(matchBody)),
    placeholderData: keepPreviousData,
    // The counts are about MQLs; the account-executive rules take SQLs an SDR accepted.
    enabled: !forAes,
  });
  const save = useMutation({
    mutationFn: (value: unknown) => apiSendDocument('put', path, value),
    onSuccess: (next) => {
      setRules(next.rules.map(toDraft));
      setFallbackTeam(next.fallbackTeam ?? '');
      setKeepOwner(next.keepExistingOwner);
      setBaseline(JSON.stringify(rulesJson(next.rules.map(toDraft), next.fallbackTeam ?? '', next.keepExistingOwner)));
      queryClient.setQueryData([path], { version: 0, value: next, created_at: null });
      return queryClient.invalidateQueries({ queryKey: [path] });
    },
  });
  // Only a team with sales users can take leads (the server refuses any other).
  const teams = useMemo(() => {
    const takes = (u: NonNullable<typeof users.data>[number]) =>
      path === '/api/routing/ae-rules' ? u.role === 'sales_rep' && u.sales_role === 'ae' : u.role === 'sales_rep' || u.role === 'sales_manager';
    const names = new Set((users.data ?? []).filter((u) => u.team && takes(u)).map((u) => u.team!));
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [users.data, path]);
  const teamOptions = (current: string): SelectOption[] => [...teams, ...(current && !teams.includes(current) ? [current] : [])].map((t) => ({ value: t, label: t }));

  const update = (i: number, change: (r: DraftRule) => DraftRule) => setRules((rs) => rs.map((r, k) => (k === i ? change(r) : r)));
  const move = (i: number, by: number) =>
    setRules((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(current);
  };
  const problems = save.isError && isApiError(save.error) ? save.error.errors : [];
  const problemOf = (field: string) => problems.filter((p) => p.field === field).map((p) => p.problem).join('; ') || undefined;

  return (
    <form className="mql-builder" onSubmit={submit} noValidate data-testid={testId}>
      {/* Those who cannot change the rules read them in the same rows, every input disabled. */}
      <fieldset className="bare-fieldset" disabled={readOnly}>
        {rules.length === 0 && <p className="muted small">No rules: every lead goes to the team below.</p>}
        {rules.map((r, i) => (
          <fieldset key={r.key} className="mql-clause" data-testid="routing-rule">
            <legend className="visually-hidden">Rule {i + 1}</legend>
            <div className="mql-clause-head">
              <Field label="Rule name">
                <input name="name" value={r.name} onChange={(e) => update(i, (x) => ({ ...x, name: e.target.value }))} maxLength={200} />
              </Field>
              <Field label="Send to team">
                <Select name="team" options={teamOptions(r.team)} emptyLabel={forAes ? 'Any account executive' : 'Any sales rep'} value={r.team} onChange={(e) => update(i, (x) => ({ ...x, team: e.target.value }))} />
                {problemOf(`rules[${i}].team`) && <span className="field-error">{problemOf(`rules[${i}].team`)}</span>}
              </Field>
              <div className="row-actions">
                <button type="button" className="btn btn-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${r.name} up`}>
                  ↑
                </button>
                <button type="button" className="btn btn-small" onClick={() => move(i, 1)} disabled={i === rules.length - 1} aria-label={`Move ${r.name} down`}>
                  ↓
                </button>
                <button type="button" className="btn btn-small" onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}>
                  Remove rule
                </button>
              </div>
            </div>
            {!forAes && (<label className="checkbox">
              <input type="checkbox" name="lightCheck" checked={r.lightCheck} onChange={(e) => update(i, (x) => ({ ...x, lightCheck: e.target.checked }))} /> Light check instead of the
              full SLA: first touch within 3 working days, one attempt, never sent back to marketing
            </label>)}
            {!forAes && <RuleMatches match={matches.data?.rules[i]} />}
            {r.conditions.length === 0 && <p className="muted small">No condition: this rule takes every lead that reaches it.</p>}
            {r.conditions.map((c, j) => (
              <div key={c.key} className="mql-condition" data-testid="routing-condition">
                <span className="mql-and">{j === 0 ? 'When' : 'and'}</span>
                <PropertyTestFields
                  draft={c}
                  vocabulary={vocabulary.data}
                  onChange={(patch) => update(i, (x) => ({ ...x, conditions: x.conditions.map((k, n) => (n === j ? { ...k, ...patch } : k)) }))}
                />
                <button type="button" className="btn btn-small" onClick={() => update(i, (x) => ({ ...x, conditions: x.conditions.filter((_, n) => n !== j) }))} aria-label="Remove condition">
                  Remove
                </button>
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => update(i, (x) => ({ ...x, conditions: [...x.conditions, blankCondition()] }))} data-testid="add-condition">
              Add condition
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setRules((rs) => [...rs, { key: nextKey++, id: '', name: `Rule ${rs.length + 1}`, team: '', lightCheck: false, conditions: [blankCondition()] }])}
          data-testid="add-rule"
        >
          Add rule
        </button>
        <Field label="Leads no rule takes go to">
          <Select name="fallbackTeam" options={teamOptions(fallbackTeam)} emptyLabel="Nobody: leave them unassigned and tell the managers" value={fallbackTeam} onChange={(e) => setFallbackTeam(e.target.value)} />
          {problemOf('fallbackTeam') && <span className="field-error">{problemOf('fallbackTeam')}</span>}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="keepExistingOwner" checked={keepOwner} onChange={(e) => setKeepOwner(e.target.checked)} /> Keep the existing owner: a lead whose
          contact already has an available sales owner stays with them
        </label>
      </fieldset>
      <ErrorMessage error={vocabulary.error ?? users.error} />
      {problems.length > 0 ? (
        <ProblemAlert title="Nothing was saved. Fix these and save again:" lines={problems.map((p) => describeProblem(p, rules))} testId="setting-errors" />
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved.
        </div>
      )}
      {!readOnly && (
        <div className="form-actions">
          {dirty && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setRules(saved.rules.map(toDraft));
                setFallbackTeam(saved.fallbackTeam ?? '');
                setKeepOwner(saved.keepExistingOwner);
              }}
              disabled={save.isPending}
            >
              Discard changes
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save rules'}
          </button>
        </div>
      )}
    </form>
  );
}

/** "Matches 120 contacts now, 4 of them MQLs", or why it cannot be counted yet. */
function RuleMatches({ match }: { match: { contacts: number | null; mqls: number | null; problem: string | null } | undefined }) {
  if (!match) return null;
  if (match.contacts === null) return <p className="muted small" data-testid="rule-matches">Not counted: {match.problem}.</p>;
  return (
    <p className="muted small" data-testid="rule-matches">
      Matches {formatNumber(match.contacts)} {match.contacts === 1 ? 'contact' : 'contacts'} now, {formatNumber(match.mqls ?? 0)} of them MQLs (this rule alone; an earlier rule may
      take some first).
    </p>
  );
}
