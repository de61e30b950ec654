// How a field a request named reads in an error people see: "MQL type is missing", not
// "mql_type: is missing". The JSON keeps the machine's `field` beside the words, so clients still
// put each problem under its input; only the sentence changes.

/** Fields whose words are not their key's: acronyms, ids that stand for a thing, camelCase parameters. */
const labels: Record<string, string> = {
  mql_type: 'MQL type',
  mqlType: 'MQL type',
  averageContractSize: 'Average contract size',
  visitToLead: 'Visit to lead rate',
  leadToMql: 'Lead to MQL rate',
  mqlToSql: 'MQL to SQL rate',
  sqlToCustomer: 'SQL to customer rate',
  min_months: 'Minimum months as MQL',
  as_of: 'As of',
  from: 'From',
  to: 'To',
  owner_id: 'Owner',
  user_id: 'User',
  company_id: 'Company',
  contact_id: 'Contact',
  deal_id: 'Deal',
  pipeline_id: 'Pipeline',
  campaign_id: 'Campaign',
  asset_id: 'Asset',
  revenue_goal: 'Revenue goal',
  marketing_sourced_share: 'Marketing-sourced share',
  lead_status_reason: 'Reason',
  utm_campaign: 'UTM campaign',
  time_zone: 'Time zone',
  '(body)': 'The request',
  '(query)': 'The address',
  '(path)': 'The address',
};

const acronyms = new Set(['mql', 'mqls', 'sql', 'sqls', 'sla', 'utm', 'url', 'csv', 'api', 'crm', 'roi', 'ctr', 'cta']);

/** One key as words: `job_title` → "job title", `maturityDays` → "maturity days", `mql` → "MQL". */
function words(key: string): string {
  if (labels[key]) return labels[key]!;
  return key
    .replace(/_id$|(?<=[a-z])Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => (acronyms.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
}

/** A field path as words: `rates.sqlToCustomer` → "SQL to customer rate", `quotas[1].amount` → "Quotas 2, amount". */
export function fieldLabel(field: string): string {
  if (labels[field]) return labels[field]!;
  // A path deep into a sent document (an event's properties) names keys someone else chose: as sent.
  if (field.split('.').length > 2) return `“${field}”`;
  const parts = field.replace(/^properties\./, '').split('.').filter((p) => p !== 'rates');
  const label = parts
    .map((p) => {
      const m = /^(.*?)\[(\d+)\]$/.exec(p);
      return m ? `${words(m[1]!)} ${Number(m[2]) + 1}` : words(p);
    })
    // Inside a path a label is not a sentence's start: "Quotas 2, user", but "MQL type" keeps its capitals.
    .map((w, i) => (i > 0 && /^[A-Z][a-z]/.test(w) ? w.charAt(0).toLowerCase() + w.slice(1) : w))
    .join(', ');
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : field;
}

// A problem that goes on from the field's name ("is missing", "must be at least 0") reads as one
// sentence after it; anything else ("no measured value…") after a colon.
const continues = /^(is|are|must|has|have|was|cannot|can|should|needs|need|may|does|do|already|only)\b/;

/** One problem as a sentence: "MQL type is missing", "Average contract size: no measured value". */
export function problemSentence(p: { field: string; problem: string }): string {
  // A field nobody defined is named as it was sent, so the sender finds the typo.
  if (p.problem === 'is not a known field') return `“${p.field}” is not a known field`;
  const label = fieldLabel(p.field);
  return continues.test(p.problem) ? `${label} ${p.problem}` : `${label}: ${p.problem}`;
}

/** The message of a 400 listing every problem. */
export const invalidMessage = (errors: { field: string; problem: string }[]) => `Invalid input. ${errors.map(problemSentence).join('; ')}`;

/** Sales' rejection reason codes (funnel/transitions.ts rejectionReasons), as people read them: the monthly pack and the web app's lead-quality pages. */
export const rejectionReasonLabels = {
  bad_fit: 'Bad fit',
  no_interest: 'No interest',
  unreachable: 'Unreachable',
  duplicate: 'Duplicate',
  competitor: 'Competitor',
  student: 'Student',
  other: 'Other reason',
} as const satisfies Record<string, string>;
