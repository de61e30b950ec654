import type { ApiItem, ApiResponse } from './api-shapes';

export type Role = SessionUser['role'];
export const roles: Role[] = ['admin', 'marketing', 'sales_manager', 'sales_rep', 'viewer'];

/** Who is signed in (id null for an API token not created for a user). */
export type SessionUser = ApiResponse<'/api/auth/me', 'get'>['user'];

/** hourly_cost and calls_per_hour only for those who may read costs (admins and sales managers). */
export type User = ApiItem<ApiResponse<'/api/users', 'get'>['data']>;

export const leadStatuses = ['new', 'attempting', 'connected', 'qualified', 'unqualified', 'recycled'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** The channels a contact's source lands in (channel-names.ts), in report order. */
export const channelNames = ['Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Referral', 'Direct', 'Display', 'Affiliates', 'Offline', 'Other', 'Unknown'] as const;

export const rejectionReasons = ['bad_fit', 'no_interest', 'unreachable', 'duplicate', 'competitor', 'student', 'other'] as const;

export const activityTypes = ['call', 'email', 'meeting', 'social'] as const;
export const activityOutcomes = [
  'connected', 'no_answer', 'voicemail', 'left_message', 'busy', 'wrong_number', 'gatekeeper',
  'sent', 'replied', 'bounced', 'scheduled', 'completed', 'no_show', 'cancelled',
] as const;

/** The workspace's company segments with how many companies and deals carry each, and whether head count sizes companies without one. */
export type SegmentSettings = ApiResponse<'/api/settings/segments', 'get'>;
/** One company segment of the workspace's list. */
export type SegmentSetting = ApiItem<SegmentSettings['segments']>;

export type LifecycleStage = ApiItem<ApiResponse<'/api/funnel/stages', 'get'>['data']>;

/** A contact record with its company's and owner's names (as lists of a company's contacts answer it). */
export type Contact = ApiItem<ApiResponse<'/api/companies/{id}/contacts', 'get'>['data']>;

/** A contact as the contacts list answers it: the record with its scores, quadrant, MQL type and last activity. */
export type ContactListItem = ApiItem<ApiResponse<'/api/contacts', 'get'>['data']>;

/** A saved view of a list: its query string under a name, the signed-in user's own. */
export type SavedView = ApiItem<ApiResponse<'/api/saved-views', 'get'>['data']>;

/** One contact read by id: when it first reached each stage, and its company. */
export type ContactDetail = ApiResponse<'/api/contacts/{id}', 'get'>;

export type Company = ApiItem<ApiResponse<'/api/companies', 'get'>['data']>;

export type Deal = ApiItem<ApiResponse<'/api/deals', 'get'>['data']>;

export type Pipeline = ApiItem<ApiResponse<'/api/pipelines', 'get'>['data']>;
export type PipelineStage = Pipeline['stages'][number];
export type DealOutcome = PipelineStage['outcome'];

export type TimelineItem = ApiItem<ApiResponse<'/api/contacts/{id}/timeline', 'get'>['data']>;
export type TimelineType = TimelineItem['type'];

/** The funnel of contacts created in a range of months (the funnel page reads it at /api/funnel). */
export type FunnelReport = ApiResponse<'/api/funnel', 'get'>;

export type PropertyDefinition = ApiItem<ApiResponse<'/api/properties', 'get'>['data']>;

/** What the source reports group by: the channel, or the channel and its source detail. */
export const sourceDimensions = ['channel', 'source_detail'] as const;
export type SourceDimension = (typeof sourceDimensions)[number];

/** Visits, contacts and customers by channel, a page of channels at a time; rates are fractions 0..1, null where the denominator is 0. */
export type SourcesReport = ApiResponse<'/api/reports/sources', 'get'>;

/** Landing pages, forms, CTAs, content and webinars, a page of each list at a time. */
export type AssetsReport = ApiResponse<'/api/reports/assets', 'get'>;

export const campaignTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter', 'paid_ads', 'event', 'content', 'other'] as const;
export type CampaignType = (typeof campaignTypes)[number];

/** A campaign with the visits, events and contacts it brought in. */
export type Campaign = ApiItem<ApiResponse<'/api/campaigns', 'get'>['data']>;

export type Quadrant = 'hot' | 'nurture' | 'fan' | 'suppress';
export const quadrants: Quadrant[] = ['hot', 'nurture', 'fan', 'suppress'];

/** A contact's fit and interest with their reasons, its MQL record, and its predicted probability (null before a model is trained). */
export type ContactScore = ApiResponse<'/api/contacts/{id}/score', 'get'>;
export type FitReason = ApiItem<NonNullable<ContactScore['score']>['fit_reasons']>;
export type InterestReason = ApiItem<NonNullable<ContactScore['score']>['interest_reasons']>;
export type Prediction = NonNullable<ContactScore['prediction']>;

/** A setting saved as numbered versions; created_at is null while the built-in default is in force. */
export type VersionedSetting<T> = Omit<ApiResponse<'/api/scoring/model', 'get'>, 'value'> & { value: T };

export type ScoringModel = ApiResponse<'/api/scoring/model', 'get'>['value'];
/** One property grammar for fit rules and MQL conditions. */
export type FitOp = ApiItem<ScoringModel['fit']>['op'];

export type MqlDefinition = ApiResponse<'/api/scoring/mql-definition', 'get'>['value'];
export type MqlCondition = ApiItem<ApiItem<MqlDefinition['clauses']>['conditions']>;
export type MqlClause = ApiItem<MqlDefinition['clauses']>;
export type MqlType = NonNullable<MqlClause['mqlType']>;
// A record over the schema's type, so a type added on the server fails the build until it is listed here.
const mqlTypeSet: Record<MqlType, true> = { whitepaper: true, webinar: true, online_demo: true, trade_show: true, contact_sales: true, newsletter: true, other: true };
/** The MQL types a clause may give, in the server's order. */
export const mqlTypes = Object.keys(mqlTypeSet) as MqlType[];
/** GET /api/scoring/vocabulary: the fields, events and assets a condition may name. */
export type ScoringVocabulary = ApiResponse<'/api/scoring/vocabulary', 'get'>;

/** The IANA zone report days and months are counted in. */
export type WorkspaceSettings = ApiResponse<'/api/settings/workspace', 'get'>;

/** GET /api/reports/quadrants: scored contacts by quadrant and the thresholds that place them. */
export type QuadrantReport = ApiResponse<'/api/reports/quadrants', 'get'>;
export type QuadrantCounts = QuadrantReport['counts'];

/** GET /api/reports/calibration: close rates of contacts created in [from, to) by what they did; rates are fractions 0..1. */
export type CalibrationReport = ApiResponse<'/api/reports/calibration', 'get'>;
export type CalibratedAction = ApiItem<CalibrationReport['actions']>;
/** A value (or numeric bucket) of a contact or company property, calibrated like an action. */
export type CalibratedPropertyValue = ApiItem<CalibrationReport['properties']>;
export type CalibrationFlag = CalibratedAction['flag'];
export type MqlClauseProposal = ApiItem<CalibrationReport['proposals']>;
export type FrequencyRecommendation = CalibrationReport['frequency']['pages'];
export type FrequencyCandidate = ApiItem<FrequencyRecommendation['candidates']>;
/** A 95% interval of a rate, [lo, hi], both 0..1. */
export type Interval = FrequencyCandidate['ci'];

/** GET /api/reports/model: the latest predictive model (404 before one is trained). */
export type ModelReport = ApiResponse<'/api/reports/model', 'get'>;
/** Later fields (leakage, set_aside, warnings, moment) are absent on models stored before them. */
export type ModelEvaluation = ModelReport['evaluation'];
export type ModelLeak = ApiItem<NonNullable<ModelEvaluation['leakage']>>;


/** A freshly trained predictive model: its version, held-out evaluation and how many contacts it scored. */
export type TrainResult = ApiResponse<'/api/scoring/predictive/train', 'post'>;

/** What saving an edited scoring model or MQL definition would do to today's contacts. */
export type ScoringPreview = ApiResponse<'/api/scoring/model/preview', 'post'>;

/** Contacts still queued for rescoring, out of all contacts. */
export type RescoreStatus = ApiResponse<'/api/scoring/rescore', 'get'>;

/** GET /api/sla/leads and /api/sla/my-queue: an open lead with its SLA clocks, most urgent first (name null for a contact with neither name nor email). */
export type SlaLead = ApiItem<ApiResponse<'/api/sla/leads', 'get'>['data']>;
/** The state of one SLA clock: open clocks are on time, at risk or breached; closed ones met or missed. */
export type SlaStatus = SlaLead['first_touch_status'];

/** GET /api/reports/sla: SLA compliance of the clocks started in a window, per rep, team and everyone. */
export type SlaReport = ApiResponse<'/api/reports/sla', 'get'>;
/** Rates are fractions 0..1, null with nothing decided. */
export type SlaCompliance = SlaReport['total'];
export type SalesDashboard = ApiResponse<'/api/reports/sales-dashboard', 'get'>;

export type AlertItem = ApiItem<ApiResponse<'/api/alerts', 'get'>['data']>;

export type Webhook = ApiItem<ApiResponse<'/api/webhooks', 'get'>['data']>;

export type WebhookDelivery = ApiItem<ApiResponse<'/api/webhooks/{id}/deliveries', 'get'>['data']>;

export type OutboxEmail = ApiItem<ApiResponse<'/api/outbox', 'get'>['data']>;

export const alertKinds = [
  'handoff', 'unroutable', 'first_touch_at_risk', 'first_touch_breached', 'attempts_at_risk', 'attempts_breached', 'recycled', 'contact_returned',
  'ae_handoff', 'first_meeting_at_risk', 'first_meeting_breached',
] as const;

/** GET /api/reports/attempts: the optimal number of attempts. */
export type AttemptsReport = ApiResponse<'/api/reports/attempts', 'get'>;
export type AttemptsCurve = AttemptsReport['overall'];
export type AttemptStep = ApiItem<AttemptsCurve['steps']>;
export type AttemptsGroup = ApiItem<AttemptsCurve['byAttemptsMade']>;
export type AttemptsRecommendation = AttemptsCurve['recommended'];

// ---------- Goals, quotas, value per MQL and the marketing SLA ----------

/** A revenue goal for a month ('2026-11') or a quarter ('2026-Q4'); shares are 0–1. */
export type RevenueGoal = ApiItem<ApiResponse<'/api/goals', 'get'>>;

/** A period's quota for a rep or a team. */
export type Quota = ApiItem<ApiResponse<'/api/quotas/{period}', 'get'>>;

export type MqlValueReport = ApiResponse<'/api/reports/mql-value', 'get'>;

/** One MQL type's value: the override when set, else the measured value, else 0 ('default'). Sample sizes only when measured. */
export type MqlValueRow = ApiItem<MqlValueReport['types']>;
export type MqlValueSource = MqlValueRow['source'];

/** Value per MQL of one group of a dimension (a segment, an industry…), over all its MQLs and per type. */
export type MqlValueGroup = ApiItem<NonNullable<MqlValueReport['by_dimension']>['groups']>;

export const paces = ['linear', 'working_days'] as const;
export type Pace = (typeof paces)[number];
/** Marketing's commitment for a month and its daily lead waterfall (days not begun yet have null figures). */
export type LeadWaterfall = ApiResponse<'/api/reports/waterfall', 'get'>;
export type WaterfallDay = ApiItem<LeadWaterfall['days']>;
export type MarketingSlaStatus = LeadWaterfall['today']['status'];

// ---------- Sales report, attribution and the funnel breakdown (GET /api/reports/:name) ----------

/** GET /api/reports/sales: month is null for a from/to window. */
export type SalesReport = ApiResponse<'/api/reports/sales', 'get'>;
export type SalesStatus = SalesReport['waterfall']['today']['status'];
/** A day of the month; null figures for days not yet begun, a null pace without a quota. */
export type SalesDay = ApiItem<SalesReport['waterfall']['days']>;
export type SalesCycle = SalesReport['cycle']['lead_to_customer'];
export type CycleStats = Omit<SalesCycle['overall'], 'unmeasured'>;
/** vs_average: median_days − the overall median (positive is slower than average). */
export type CycleGroup = Omit<ApiItem<SalesCycle['by_segment']>, 'segment'>;

/** A group of a report split by a dimension: its value (what the API filters on) and what it reads as. */
export type DimensionGroup = Pick<ApiItem<SalesCycle['by_dimension']>, 'value' | 'label'>;

/** A report's split: `segment`, `property.plan`… and what it is called. */
export type DimensionInfo = NonNullable<MqlValueReport['by_dimension']>['dimension'];

export type SalesRepRow = ApiItem<SalesReport['reps']>;

export const attributionModels = ['first', 'last', 'linear', 'u_shaped', 'time_decay'] as const;
export type AttributionModel = (typeof attributionModels)[number];
export const attributionDimensions = ['channel', 'source_detail', 'campaign', 'asset'] as const;
export type AttributionDimension = (typeof attributionDimensions)[number];

/** Revenue credited under each model asked for, by each dimension asked for. */
export type AttributionReport = ApiResponse<'/api/reports/attribution', 'get'>;
/** One key of a dimension (null: touchpoints without it, shown as "(none)"); by source_detail also its channel. */
export type AttributionRow = ApiItem<NonNullable<NonNullable<AttributionReport['models'][AttributionModel]>[AttributionDimension]>>;

/**
 * What reports split by (the `dimension` parameter): these, `property.<name>` (a contact's enum or
 * yes/no property) and `company.property.<name>`. `month` (cohort month) only in the funnel breakdown.
 */
export const reportDimensions = ['month', 'channel', 'source_detail', 'segment', 'industry', 'country', 'mql_type'] as const;

/** Stage conversion by group of a dimension (`by`: `month`, `segment`, `property.plan`…). */
export type FunnelBreakdown = ApiResponse<'/api/reports/funnel-breakdown', 'get'>;
export type FunnelBreakdownGroup = ApiItem<FunnelBreakdown['groups']>;

// ---------- Marketing report and reverse-funnel planner ----------

/** The monthly marketing report: channels with MQLs, campaigns, landing pages and CTAs, content influence, speed of follow-up. */
export type MarketingReport = ApiResponse<'/api/reports/marketing', 'get'>;
/** A channel of the month (by source_detail, a channel and its source) with its first MQLs. */
export type MarketingChannelRow = ApiItem<MarketingReport['channels']>;
/** A campaign of the month; roi is (revenue − spend) ÷ spend, null without spend. */
export type MarketingCampaignRow = ApiItem<MarketingReport['campaigns']>;
/** An asset's touch shares among customers and non-customers; lift is null when either share is null or the latter is 0. */
export type ContentInfluenceRow = ApiItem<MarketingReport['content_influence']>;

export const followUpBuckets = ['≤5 min', '5–30 min', '30–60 min', '1–4 h', '4–24 h', '>24 h', 'not yet'] as const;
export type FollowUpBucket = (typeof followUpBuckets)[number];

export const plannerRateKeys = ['visitToLead', 'leadToMql', 'mqlToSql', 'sqlToCustomer'] as const;
export type PlannerRateKey = (typeof plannerRateKeys)[number];
export type PlannedValue = PlannerRateKey | 'averageContractSize';

/** The reverse funnel: what a revenue goal takes at each stage, and the rates it was planned from. */
export type PlannerReport = ApiResponse<'/api/reports/planner', 'get'>;
export type PlannerSource = PlannerReport['plan']['sources'][PlannedValue]['source'];
/** A measured rate and what it counts: "leads ÷ visits" (value null when the denominator is 0). */
export type MeasuredRate = PlannerReport['measured']['rates'][PlannerRateKey];
/** A measured value with its sample. */
export type MeasuredValue = Omit<MeasuredRate, 'of'>;
export type PlanStageNeeds = PlannerReport['plan']['perMonth'];
/** A count needed: exact, and rounded up for display. */
export type PlanNeed = PlanStageNeeds['customers'];

export type ApiToken = ApiItem<ApiResponse<'/api/tokens', 'get'>['data']>;

export type WriteKey = ApiItem<ApiResponse<'/api/write-keys', 'get'>['data']>;

export type AuditLine = ApiItem<ApiResponse<'/api/audit-log', 'get'>['data']>;

/** The webhook event catalogue (src/domains/alerts/webhook-events.ts, docs/webhooks.md), in the order the settings list them. */
export const webhookEvents = [
  'contact.stage_changed', 'company.stage_changed', 'lead.handoff', 'lead.ae_handoff', 'lead.unroutable',
  'sla.at_risk', 'sla.breached', 'lead.rejected', 'lead.recycled', 'contact.returned',
] as const;
// ---------- Lead quality (GET /api/reports/lead-quality, /mql-definition) ----------

/** Rejected and recycled MQLs of the MQL episodes that began in the window, by group, with flags. */
export type LeadQualityReport = ApiResponse<'/api/reports/lead-quality', 'get'>;
export type LeadQualityDimensionSplit = ApiItem<LeadQualityReport['dimensions']>;
export type LeadQualityGroup = ApiItem<LeadQualityDimensionSplit['groups']>;
/** Per MQL-definition clause and version: MQLs, accepted, rejected, customers, close rate, value per MQL. */
export type MqlDefinitionReport = ApiResponse<'/api/reports/mql-definition', 'get'>;
export type MqlDefinitionRow = ApiItem<MqlDefinitionReport['clauses']>;
/** Revenue won with a marketing touch before the sale, against goal × influenced share. */
export type InfluencedRevenueFigures = MarketingReport['influenced'];
/** The win and lost reasons lists, with how many deals carry each reason. */
export type DealReasonSettings = ApiResponse<'/api/settings/deal-reasons', 'get'>;
/** The win/loss report: deals closed in a window, won against lost, by a dimension, with the reasons. */
export type WinLossReport = ApiResponse<'/api/reports/win-loss', 'get'>;
