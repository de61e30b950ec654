export type Role = 'admin' | 'marketing' | 'sales_manager' | 'sales_rep' | 'viewer';
export const roles: Role[] = ['admin', 'marketing', 'sales_manager', 'sales_rep', 'viewer'];

export interface SessionUser {
  id: number | null;
  name: string;
  email: string | null;
  role: Role;
}

export interface User {
  id: number;
  name: string;
  email: string | null;
  role: Role;
  team: string | null;
  /** Only for those who may read costs (admins and sales managers). */
  hourly_cost?: number;
  calls_per_hour?: number;
  active: boolean;
  away: boolean;
  created_at: string;
}

export const leadStatuses = ['new', 'attempting', 'connected', 'qualified', 'unqualified', 'recycled'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const rejectionReasons = ['bad_fit', 'no_interest', 'unreachable', 'duplicate', 'competitor', 'student', 'other'] as const;

export const activityTypes = ['call', 'email', 'meeting', 'social'] as const;
export const activityOutcomes = [
  'connected', 'no_answer', 'voicemail', 'left_message', 'busy', 'wrong_number', 'gatekeeper',
  'sent', 'replied', 'bounced', 'scheduled', 'completed', 'no_show', 'cancelled',
] as const;

/** One company segment of the workspace's list (GET /api/settings/segments), with how many records carry it. */
export interface SegmentSetting {
  key: string;
  label: string;
  companies: number;
  deals: number;
}

export interface SegmentSettings {
  segments: SegmentSetting[];
  /** Whether companies without a segment get one from their head count (the default keys are all in the list). */
  sized_by_employees: boolean;
}

export interface LifecycleStage {
  key: string;
  label: string;
  position: number;
  description: string | null;
  in_funnel: boolean;
}

export interface Contact {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  phone: string | null;
  company_id: number | null;
  company_name: string | null;
  owner_id: number | null;
  owner_name: string | null;
  lifecycle_stage: string;
  lead_status: string | null;
  lead_status_reason: string | null;
  original_source: string | null;
  latest_source: string | null;
  properties: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface ContactDetail extends Contact {
  became: Record<string, string>;
  company: Company | null;
}

export interface Company {
  id: number;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  annual_revenue: number | null;
  segment: string | null;
  lifecycle_stage: string;
  owner_id: number | null;
  properties: Record<string, unknown>;
  contact_count?: number;
  created_at: string;
  updated_at: string;
}

export type DealOutcome = 'open' | 'won' | 'lost';

export interface Deal {
  id: number;
  name: string;
  pipeline_id: number;
  stage: string;
  stage_label: string | null;
  outcome: DealOutcome;
  amount: number | string | null;
  currency: string;
  segment: string | null;
  close_date: string | null;
  owner_id: number | null;
  owner_name: string | null;
  contact_id: number | null;
  contact_name: string | null;
  company_id: number | null;
  company_name: string | null;
  lost_reason: string | null;
  closed_at: string | null;
  properties: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface PipelineStage {
  key: string;
  label: string;
  position: number;
  probability: number;
  outcome: DealOutcome;
}

export interface Pipeline {
  id: number;
  name: string;
  is_default: boolean;
  stages: PipelineStage[];
}

export type TimelineType = 'stage_change' | 'activity' | 'deal_created' | 'deal_stage' | 'property_change' | 'event' | 'merge' | 'created';

export interface TimelineItem {
  id: string;
  type: TimelineType;
  at: string;
  title: string;
  detail: string | null;
  data: Record<string, unknown>;
}

export interface FunnelReport {
  stages: { key: string; label: string; count: number; reached: number }[];
  conversions: { from: string; to: string; rate: number | null; median_days: number | null; sample?: number }[];
  cohorts: { month: string; created: number; reached: Record<string, number> }[];
}

export interface PropertyDefinition {
  object_type: 'contact' | 'company' | 'deal';
  name: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'enum';
  options?: string[] | null;
}

/** What the source reports group by: the channel, or the channel and its source detail. */
export const sourceDimensions = ['channel', 'source_detail'] as const;
export type SourceDimension = (typeof sourceDimensions)[number];

/** Rates are fractions 0..1, null where the denominator is 0. */
export interface SourcesReport {
  from: string;
  to: string;
  dimension?: SourceDimension;
  channels: {
    channel: string;
    /** By source_detail: a visit's source, a contact's declared words or first source. */
    detail?: string;
    visits: number;
    visitors: number;
    contacts: number;
    customers: number;
    visit_to_contact: number | null;
    contact_to_customer: number | null;
  }[];
  total: { visits: number; contacts: number; customers: number; visit_to_contact: number | null; contact_to_customer: number | null };
  /** The next page of channels (null: none). */
  next_cursor: string | null;
}

export interface AssetsReport {
  from: string;
  to: string;
  pages: { id: number; path: string; name: string | null; views: number; visitors: number; submissions: number; submitters: number; conversion_rate: number | null }[];
  forms: { id: number; key: string; name: string | null; submissions: number; contacts: number }[];
  ctas: { id: number; key: string; name: string | null; views: number; clicks: number; click_rate: number | null }[];
  content: { id: number; key: string; name: string | null; downloads: number; contacts: number }[];
  webinars: { id: number; key: string; name: string | null; registrations: number; attendances: number; attendance_rate: number | null }[];
  /** The next page of each list (null: every list is complete). */
  next_cursor: string | null;
}

export const campaignTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter', 'paid_ads', 'event', 'content', 'other'] as const;
export type CampaignType = (typeof campaignTypes)[number];

export interface Campaign {
  id: number;
  name: string;
  type: CampaignType;
  utm_campaign: string;
  starts_on: string | null;
  ends_on: string | null;
  monthly_spend: number;
  currency: string;
  created_at: string;
  visits: number;
  events: number;
  contacts: number;
}

export type Quadrant = 'hot' | 'nurture' | 'fan' | 'suppress';

export interface FitReason {
  ruleId: string;
  label: string;
  points: number;
  value: unknown;
}

export interface InterestReason {
  ruleId: string;
  label: string;
  kind: 'event' | 'frequency';
  count: number;
  points: number;
  since?: string;
}

export interface ContactScore {
  score: {
    fit: number;
    interest: number;
    quadrant: Quadrant;
    fit_reasons: FitReason[];
    interest_reasons: InterestReason[];
    model_version: number;
    scored_at: string;
  } | null;
  mql: { mql_type: string | null; mql_at: string | null; mql_definition_version: number | null; mql_clause: string | null } | null;
  /** The predictive model's probability that the contact becomes a customer; null when no model is trained. */
  prediction: Prediction | null;
}

export interface Prediction {
  probability: number;
  factors: { feature: string; value: number; contribution: number; direction: 'raises' | 'lowers' }[];
  model_version: number;
  scored_at: string;
}

/** One property grammar for fit rules and MQL conditions (src/domains/scoring/property-test.ts). */
export type FitOp = 'equals' | 'in' | 'matches' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'exists';

export interface ScoringModel {
  fit: { id: string; label: string; field: string; op: FitOp; value?: unknown; points: number }[];
  interest: { id: string; label: string; event: string; asset?: string; campaign?: string; points: number; maxTimes?: number }[];
  frequency: { id: string; label: string; event: string; asset?: string; campaign?: string; minCount: number; withinDays: number | null; points: number }[];
  halfLifeDays: number | null;
  thresholds: { fit: number; interest: number };
}

export type MqlCondition =
  | { kind: 'property'; field: string; op: FitOp; value?: unknown }
  | { kind: 'score'; score: 'fit' | 'interest' | 'predicted'; op: 'gte' | 'lte'; value: number }
  | { kind: 'behaviour'; event: string; asset?: string; withinDays?: number; minCount?: number };

export interface MqlDefinition {
  clauses: { id: string; label: string; mqlType?: string; conditions: MqlCondition[] }[];
}

/** A setting saved as numbered versions; created_at is null while the built-in default is in force. */
export interface VersionedSetting<T> {
  version: number;
  value: T;
  created_at: string | null;
}

/** GET/PUT /api/settings/workspace: the IANA zone report days and months are counted in. */
export interface WorkspaceSettings {
  time_zone: string;
}

export type QuadrantCounts = Record<Quadrant, number>;

export interface QuadrantReport {
  thresholds: { fit: number; interest: number };
  counts: QuadrantCounts;
  scored: number;
}

/** A 95% interval of a rate, [lo, hi], both 0..1. */
export type Interval = [number, number];

export type CalibrationFlag = 'well_above' | 'above' | 'average' | 'below' | 'too_few';

export interface CalibratedAction {
  key: string;
  kind: 'event' | 'asset' | 'campaign' | 'frequency' | 'property';
  label: string;
  contacts: number;
  customers: number;
  closeRate: number | null;
  ci: Interval | null;
  lift: number | null;
  shrunkRate: number | null;
  suggestedPoints: number;
  flag: CalibrationFlag;
}

export interface MqlClauseProposal {
  label: string;
  condition: MqlCondition;
  suggestedPoints: number;
  lift: number;
  evidence: string;
}

export interface FrequencyCandidate {
  k: number;
  contacts: number;
  customers: number;
  closeRate: number;
  ci: Interval;
  lift: number | null;
  significant: boolean;
}

export interface FrequencyRecommendation {
  recommended: number | null;
  rule: string;
  candidates: FrequencyCandidate[];
}

/** Close rates of contacts created in [from, to) by what they did; rates are fractions 0..1. */
export interface CalibrationReport {
  from: string;
  to: string;
  baseline: { contacts: number; customers: number; rate: number | null; ci: Interval | null };
  formula: string;
  minSample: number;
  pointsScale: number;
  actions: CalibratedAction[];
  /** Every value (or numeric quintile) of every contact and company property, property by property. */
  properties: CalibratedPropertyValue[];
  proposals: MqlClauseProposal[];
  frequency: { pages: FrequencyRecommendation; downloads: FrequencyRecommendation };
}

export interface ModelEvaluation {
  auc: number;
  brier: number;
  n_train: number;
  n_test: number;
  positives_test: number;
  features?: string[] | number;
  calibration: { bucket: string; predicted_mean: number | null; observed_rate: number | null; n: number }[];
  /** Features left out of training as probable leakage (absent on models trained before they were looked for). */
  leakage?: ModelLeak[];
  /** Fields whose values were written after the contacts' prediction moment: the values of then were used. */
  set_aside?: { feature: string; label: string; contacts: number }[];
  warnings?: string[];
  /** How each contact's prediction moment is chosen, in words. */
  moment?: string;
}

export interface ModelLeak {
  feature: string;
  label: string;
  kind: 'one_class' | 'separates';
  auc: number | null;
  reason: string;
}

/** A value (or numeric bucket) of a contact or company property, calibrated like an action. */
export interface CalibratedPropertyValue extends CalibratedAction {
  property: string;
  propertyLabel: string;
  value: string | null;
  range: [number, number] | null;
}

export interface ModelReport {
  version: number;
  trained_at: string;
  evaluation: ModelEvaluation;
}

export interface TrainResult {
  version: number;
  evaluation: ModelEvaluation;
  contacts_scored: number;
}

/** What saving an edited scoring model or MQL definition would do to today's contacts. */
export interface ScoringPreview {
  contacts: number;
  quadrants: { before: QuadrantCounts; after: QuadrantCounts };
  moved: number;
  newMqls: number;
  newMqlsByClause: Record<string, number>;
}

/** GET /api/scoring/rescore: contacts still queued for rescoring, out of all contacts. */
export interface RescoreStatus {
  pending: number;
  contacts: number;
}

/** The state of one SLA clock: open clocks are on time, at risk or breached; closed ones met or missed. */
export type SlaStatus = 'on_time' | 'at_risk' | 'breached' | 'met' | 'missed';

/** GET /api/sla/leads and /api/sla/my-queue: an open lead with its SLA clocks, most urgent first. */
export interface SlaLead {
  assignment_id: number;
  contact_id: number;
  name: string;
  email: string | null;
  company_name: string | null;
  owner_id: number | null;
  owner_name: string | null;
  team: string | null;
  mql_type: string | null;
  segment: string | null;
  policy_id: string;
  assigned_at: string;
  assigned_by: string;
  first_touch_due: string;
  first_touch_at: string | null;
  attempts_required: number;
  attempts: number;
  attempts_due: string;
  connected_at: string | null;
  last_attempt_at: string | null;
  lead_status: string | null;
  first_touch_status: SlaStatus;
  attempts_status: SlaStatus;
  status: 'on_time' | 'at_risk' | 'breached';
  next_due: string;
}

/** SLA compliance of the clocks started in a window; rates are fractions 0..1, null with nothing decided. */
export interface SlaCompliance {
  leads: number;
  first_touch: { met: number; decided: number; met_rate: number | null; late_open: number; median_minutes: number | null };
  attempts: { per_lead: number | null; met: number; decided: number; met_rate: number | null };
  connected: number;
  accepted: number;
  median_hours_to_accept: number | null;
  rejected: number;
  recycled: number;
}

export interface SlaReport {
  from: string;
  to: string;
  total: SlaCompliance;
  teams: (SlaCompliance & { team: string | null })[];
  reps: (SlaCompliance & { team: string | null; owner_id: number | null; owner_name: string | null })[];
  rejections: { reason_code: string; leads: number }[];
}

export interface SalesDashboard {
  at: string;
  today: SlaReport;
  month_to_date: SlaReport;
  not_touched_in_time: SlaLead[];
  not_attempted_enough: SlaLead[];
}

export interface AlertItem {
  id: number;
  kind: string;
  contact_id: number | null;
  title: string;
  body: string;
  payload: Record<string, unknown>;
  trigger_at: string;
  created_at: string;
  role: string;
  read_at: string | null;
}

export interface Webhook {
  id: number;
  url: string;
  kinds: string[] | null;
  active: boolean;
  created_at: string;
}

export interface WebhookDelivery {
  id: number;
  alert_id: number;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  log: { at: string; ok: boolean; status_code: number | null; error: string | null; duration_ms: number | null }[];
}

export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  body: string;
  kind: string;
  contact_id: number | null;
  created_at: string;
}

export const alertKinds = [
  'handoff', 'unroutable', 'first_touch_at_risk', 'first_touch_breached', 'attempts_at_risk', 'attempts_breached', 'recycled', 'contact_returned',
] as const;

/** GET /api/reports/attempts: the optimal number of attempts (src/domains/sla/attempts-report.ts). */
export interface AttemptStep {
  attempt: number;
  /** Leads that got this attempt while still unconverted. */
  atRisk: number;
  /** Leads that converted after it (and before another). */
  conversions: number;
  hazard: number | null;
  hazardCi: [number, number] | null;
  /** hazard × value of a conversion. */
  value: number | null;
  valueCi: [number, number] | null;
  cost: number;
  pays: boolean | null;
  survival: number;
  /** Expected profit per lead of an SLA of this many attempts. */
  expectedProfit: number | null;
  cumulativeConversions: number;
  cumulativeShare: number | null;
  cumulativeShareCi: [number, number] | null;
  /** Too few leads got it to decide. */
  thin: boolean;
}

export interface AttemptsGroup {
  from: number;
  /** Last attempt count in the group; null for the open tail "K+". */
  to: number | null;
  label: string;
  leads: number;
  customers: number;
  closeRate: number | null;
  closeRateCi: [number, number] | null;
  revenue: number;
  revenuePerLead: number | null;
  cost: number;
  costPerLead: number | null;
  profitPerLead: number | null;
  connected: number;
  small: boolean;
}

export interface AttemptsRecommendation {
  n: number | null;
  cumulativeShare: number | null;
  cumulativeShareCi: [number, number] | null;
  expectedProfit: number | null;
  reason: string;
  confidence: 'high' | 'medium' | 'low' | 'none';
  confidenceText: string;
}

export interface AttemptsCurve {
  leads: number;
  customers: number;
  convertedWithoutAttempt: number;
  valuePerConversion: number | null;
  costPerAttempt: number | null;
  costSource: 'measured' | 'overall' | 'none';
  breakEvenHazard: number | null;
  steps: AttemptStep[];
  recommended: AttemptsRecommendation;
  /** Secondary view: leads grouped by the attempts made on them. */
  byAttemptsMade: AttemptsGroup[];
}

export interface AttemptsReport {
  asOf: string;
  minMonths: number;
  window: { from: string | null; to: string | null };
  mqlFrom: string | null;
  mqlTo: string;
  limitedBy: 'window' | 'maturity';
  /** What was applied, in words (days in the workspace's zone). */
  applied: string;
  zone: string;
  dimension: { key: string; label: string };
  method: string;
  costPerAttempt: {
    attempts: number;
    attemptsWithoutCost: number;
    totalCost: number;
    average: number | null;
    byRep: { userId: number | null; name: string | null; hourlyCost: number | null; callsPerHour: number | null; costPerAttempt: number | null; attempts: number; missingCost: boolean }[];
  };
  overall: AttemptsCurve;
  byGroup: (AttemptsCurve & { group: string; label: string })[];
}

// ---------- Goals, quotas, value per MQL and the marketing SLA ----------

/** A revenue goal for a month ('2026-11') or a quarter ('2026-Q4'); shares are 0–1. */
export interface RevenueGoal {
  period: string;
  revenue_goal: number;
  marketing_sourced_share: number;
  marketing_influenced_share: number | null;
  updated_at: string;
}

export interface Quota {
  user_id: number | null;
  user_name: string | null;
  team: string | null;
  amount: number;
}

export type MqlValueSource = 'measured' | 'override' | 'default';

/** One MQL type's value: the override when set, else the measured value, else 0 ('default'). Sample sizes only when measured. */
export interface MqlValueRow {
  mql_type: string;
  segment?: string | null;
  mqls?: number;
  customers?: number;
  revenue?: number;
  close_rate?: number | null;
  avg_revenue_per_customer?: number | null;
  measured: number | null;
  override: number | null;
  value: number;
  source: MqlValueSource;
}

export interface MqlValueReport {
  from: string;
  to: string;
  formula: string;
  types: MqlValueRow[];
  /** With `dimension`: value per MQL of each group, over all its MQLs and per type. */
  by_dimension?: { dimension: DimensionInfo; groups: MqlValueGroup[] };
}

/** Value per MQL of one group of a dimension (a segment, an industry…). */
export interface MqlValueGroup {
  group: string;
  label: string;
  mqls: number;
  customers: number;
  revenue: number;
  close_rate: number | null;
  avg_revenue_per_customer: number | null;
  value: number | null;
  types: { mql_type: string; mqls: number; customers: number; revenue: number; close_rate: number | null; avg_revenue_per_customer: number | null; value: number | null }[];
}

export const paces = ['linear', 'working_days'] as const;
export type Pace = (typeof paces)[number];
export type MarketingSlaStatus = 'behind' | 'on_track' | 'ahead' | 'not_started';

export interface WaterfallDay {
  day: string;
  /** null for days not yet begun. */
  mqls: number | null;
  value: number | null;
  cumulative_mqls: number | null;
  cumulative_value: number | null;
  pace_value: number;
  pace_fraction: number;
}

export interface LeadWaterfall {
  month: string;
  pace: Pace;
  goal: { month: string; revenue_goal: number; marketing_sourced_share: number; marketing_influenced_share: number | null; from: 'month' | 'quarter' };
  target: { value: number; mqls: number | null; average_value_per_mql: number | null; mix: { mql_type: string; mqls: number; value: number }[] };
  delivered: { mqls: number; value: number; share_of_target: number | null };
  by_type: { mql_type: string; mqls: number; value_per_mql: number; value: number; value_source: MqlValueSource }[];
  today: { pace_value: number; ratio: number | null; status: MarketingSlaStatus };
  projection: { value: number | null; share_of_target: number | null };
  days: WaterfallDay[];
}

// ---------- Sales report, attribution and the funnel breakdown (GET /api/reports/:name) ----------

export type SalesStatus = 'behind' | 'on_track' | 'ahead' | 'not_started' | 'no_quota';

export interface SalesDay {
  day: string;
  /** null for days not yet begun. */
  won_deals: number | null;
  revenue: number | null;
  cumulative_revenue: number | null;
  /** null when the month has no quota. */
  pace: number | null;
}

export interface CycleStats {
  deals: number;
  median_days: number | null;
  mean_days: number | null;
}
export interface CycleGroup extends CycleStats {
  /** median_days − the overall median: positive is slower than average. */
  vs_average: number | null;
}
export interface SalesCycle {
  overall: CycleStats & { unmeasured: number };
  by_segment: (CycleGroup & { segment: string })[];
  by_source: (CycleGroup & { source: string })[];
  /** By the report's dimension, biggest group first. */
  by_dimension: (CycleGroup & DimensionGroup)[];
}

/** A group of a report split by a dimension: its value (what the API filters on) and what it reads as. */
export interface DimensionGroup {
  value: string;
  label: string;
}

/** A report's split: `segment`, `property.plan`… and what it is called. */
export interface DimensionInfo {
  key: string;
  label: string;
}

export interface SalesRepRow {
  owner_id: number | null;
  name: string | null;
  team: string | null;
  won_deals: number;
  revenue: number;
  quota: number | null;
  reached: number | null;
  lost_deals: number;
  win_rate: number | null;
  avg_deal: number | null;
  median_cycle_days: number | null;
}

export interface SalesReport {
  month: string;
  dimension: DimensionInfo;
  /** 'mixed': a window of several months, some set for the month and some a third of their quarter's. */
  quota: { total: number | null; source: 'month' | 'quarter' | 'mixed' | null };
  waterfall: {
    days: SalesDay[];
    closed: number;
    reached: number | null;
    gap: number | null;
    today: { pace: number | null; ratio: number | null; status: SalesStatus };
    projection: { revenue: number | null; reached: number | null };
  };
  cycle: { lead_to_customer: SalesCycle; mql_to_customer: SalesCycle };
  win_loss: {
    won: { deals: number; revenue: number };
    lost: { deals: number; amount: number };
    win_rate: number | null;
    by_reason: { reason: string; deals: number; amount: number }[];
    by_dimension: (DimensionGroup & { won: number; lost: number; revenue: number; lost_amount: number; win_rate: number })[];
  };
  reps: SalesRepRow[];
}

export const attributionModels = ['first', 'last', 'linear', 'u_shaped', 'time_decay'] as const;
export type AttributionModel = (typeof attributionModels)[number];
export const attributionDimensions = ['channel', 'source_detail', 'campaign', 'asset'] as const;
export type AttributionDimension = (typeof attributionDimensions)[number];

export interface AttributionRow {
  /** null: touchpoints without this dimension (shown as "(none)"). */
  key: string | null;
  /** By source_detail: the channel the detail belongs to. */
  channel?: string | null;
  revenue: number;
  conversions: number;
}

export interface AttributionReport {
  from: string;
  to: string;
  lookback_days: number;
  half_life_days: number;
  conversions: number;
  revenue: number;
  conversions_without_touchpoints: number;
  models: Partial<Record<AttributionModel, Partial<Record<AttributionDimension, AttributionRow[]>>>>;
}

/**
 * What reports split by (the `dimension` parameter): these, `property.<name>` (a contact's enum or
 * yes/no property) and `company.property.<name>`. `month` (cohort month) only in the funnel breakdown.
 */
export const reportDimensions = ['month', 'channel', 'source_detail', 'segment', 'industry', 'country', 'mql_type'] as const;

export interface FunnelBreakdownGroup {
  group: string;
  /** What the group reads as: a segment's label, "Unspecified", "(none)"… */
  label: string;
  contacts: number;
  reached: Record<string, number>;
  conversions: { from: string; to: string; rate: number | null; median_days: number | null; sample: number }[];
}

export interface FunnelBreakdown {
  from: string;
  to: string;
  /** The dimension asked for: `month`, `segment`, `property.plan`… */
  by: string;
  by_label: string;
  groups: FunnelBreakdownGroup[];
}

// ---------- Marketing report and reverse-funnel planner ----------

/** A channel of the monthly marketing report: sources report for the month plus first MQLs by original source. */
export interface MarketingChannelRow {
  channel: string;
  /** When the report was asked by source_detail. */
  detail?: string;
  visits: number;
  visitors: number;
  contacts: number;
  customers: number;
  mqls: number;
  visit_to_contact: number | null;
  contact_to_customer: number | null;
}

export interface MarketingCampaignRow {
  rank: number;
  id: number;
  campaign: string;
  type: string;
  currency: string;
  spend: number;
  visits: number;
  leads: number;
  mqls: number;
  customers: number;
  revenue: number;
  cost_per_lead: number | null;
  cost_per_customer: number | null;
  /** (revenue − spend) ÷ spend; null without spend. */
  roi: number | null;
}

export interface ContentInfluenceRow {
  id: number;
  asset: string;
  kind: string;
  customers_touched: number;
  customers: number;
  share_of_customers: number | null;
  non_customers_touched: number;
  non_customers: number;
  share_of_non_customers: number | null;
  /** share of customers ÷ share of non-customers; null when either share is null or the latter is 0. */
  lift: number | null;
}

export const followUpBuckets = ['<1h', '1–4h', '4–24h', '1–3d', '>3d', 'not yet'] as const;
export type FollowUpBucket = (typeof followUpBuckets)[number];

export interface MarketingReport {
  month: string;
  from: string;
  to: string;
  channels: MarketingChannelRow[];
  total: { visits: number; visitors: number; contacts: number; customers: number; mqls: number; visit_to_contact: number | null; contact_to_customer: number | null };
  campaigns: MarketingCampaignRow[];
  landing_pages: AssetsReport['pages'];
  ctas: AssetsReport['ctas'];
  influence_window: { from: string; to: string };
  content_influence: ContentInfluenceRow[];
  follow_up: {
    assignments: number;
    buckets: { bucket: FollowUpBucket; count: number; share: number | null }[];
    median_minutes: number | null;
    within_4h: number;
    share_within_4h: number | null;
  };
}

export const plannerRateKeys = ['visitToLead', 'leadToMql', 'mqlToSql', 'sqlToCustomer'] as const;
export type PlannerRateKey = (typeof plannerRateKeys)[number];
export type PlannedValue = PlannerRateKey | 'averageContractSize';
export type PlannerSource = 'entered' | 'measured' | 'missing';

export interface MeasuredValue {
  value: number | null;
  numerator: number;
  denominator: number;
}
export interface MeasuredRate extends MeasuredValue {
  /** What is counted: "leads ÷ visits". */
  of: string;
}

export interface PlanNeed {
  exact: number;
  /** Rounded up for display. */
  needed: number;
}
export interface PlanStageNeeds {
  customers: PlanNeed;
  sqls: PlanNeed;
  mqls: PlanNeed;
  leads: PlanNeed;
  visits: PlanNeed;
}

export interface PlannerReport {
  plan: {
    revenueGoal: number;
    months: number;
    revenuePerMonth: number;
    averageContractSize: number;
    rates: Record<PlannerRateKey, number> & { leadToCustomer: number };
    perMonth: PlanStageNeeds;
    total: PlanStageNeeds;
    sources: Record<PlannedValue, { source: PlannerSource; value: number | null; measured: MeasuredValue | null }>;
    warnings: string[];
  };
  measured: {
    window: { from: string; to: string };
    cohort: { from: string; to: string; maturityDays: number };
    counts: { visits: number; contacts: number; subscribers: number; leads: number; mqls: number; sqls: number; opportunities: number; customers: number };
    rates: Record<PlannerRateKey | 'sqlToOpportunity' | 'opportunityToCustomer' | 'leadToCustomer', MeasuredRate>;
    averageContractSize: MeasuredRate & { deals: number; dealsWithoutAmount: number; dealsWithoutContact: number; currencies: string[] };
    notes: string[];
  };
}

export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  user_id: number | null;
  user_name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WriteKey {
  id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditLine {
  id: number;
  at: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_user_name: string | null;
  actor_name: string | null;
  object_type: string | null;
  object_id: string | null;
  object_name: string | null;
  details: Record<string, unknown>;
}
