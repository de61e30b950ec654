export const importObjects = ['contacts', 'companies', 'deals', 'activities', 'campaigns'] as const;
export type ImportObject = (typeof importObjects)[number];

const becameFields = {
  became_subscriber: ['Became a Subscriber Date'],
  became_lead: ['Became a Lead Date'],
  became_mql: ['Became a Marketing Qualified Lead Date', 'Became an MQL Date'],
  became_sql: ['Became a Sales Qualified Lead Date', 'Became an SQL Date'],
  became_opportunity: ['Became an Opportunity Date'],
  became_customer: ['Became a Customer Date'],
  became_evangelist: ['Became an Evangelist Date'],
};

/**
 * The fields an import can fill, each with the export headers of HubSpot and Salesforce (and
 * common hand-made variants) that mean it. The field's own name is always accepted too, so a
 * Revloop export imports as it is. Headers are compared by `headerKey`, so case, spaces and
 * punctuation never matter ("Owner.Email" = "owner email" = "OwnerEmail").
 */
export const importFields: Record<ImportObject, Record<string, readonly string[]>> = {
  contacts: {
    email: ['Email', 'Email Address', 'E-mail', 'Work Email', 'Contact Email'],
    first_name: ['First Name', 'FirstName', 'Given Name'],
    last_name: ['Last Name', 'LastName', 'Surname', 'Family Name'],
    job_title: ['Job Title', 'Title', 'Position'],
    phone: ['Phone Number', 'Phone', 'Business Phone'],
    lifecycle_stage: ['Lifecycle Stage', 'Lifecycle'],
    lead_status: ['Lead Status', 'Status'],
    lead_status_reason: ['Lead Status Reason', 'Unqualified Reason', 'Disqualification Reason'],
    original_source: ['Original Source', 'Original Source Type', 'LeadSource', 'Lead Source', 'Source'],
    original_source_detail: ['Original Source Drill-Down 1', 'Original Source Drill-Down 2', 'Original Source Detail', 'Lead Source Detail'],
    latest_source: ['Latest Source'],
    owner: ['Contact owner', 'Lead Owner', 'Owner', 'Owner.Email', 'OwnerId', 'Owner Email', 'HubSpot Owner', 'owner_email', 'owner_id'],
    created_at: ['Create Date', 'CreatedDate', 'Created Date', 'Created At', 'Created'],
    company_name: ['Company Name', 'Company', 'Associated Company', 'Account Name', 'Account.Name'],
    company_domain: ['Company Domain Name', 'Company Domain', 'Website', 'Domain'],
    external_id: ['Record ID', 'Contact ID', 'Lead ID', 'ContactId', 'LeadId', 'External ID'],
    external_source: ['External Source'],
    company_external_id: ['Associated Company IDs', 'Associated Company ID', 'Primary Associated Company ID', 'Company ID', 'AccountId', 'Account ID', 'Account.Id'],
    ...becameFields,
  },
  companies: {
    name: ['Company Name', 'Name', 'Account Name', 'Company'],
    domain: ['Company Domain Name', 'Domain', 'Website', 'Domain Name'],
    industry: ['Industry'],
    employees: ['Number of Employees', 'NumberOfEmployees', 'Employees', 'Head Count'],
    country: ['Country/Region', 'Country', 'BillingCountry', 'Billing Country'],
    annual_revenue: ['Annual Revenue', 'AnnualRevenue', 'Revenue'],
    segment: ['Segment', 'Company Segment'],
    lifecycle_stage: ['Lifecycle Stage', 'Type', 'Account Type'],
    owner: ['Company owner', 'Account Owner', 'Owner', 'Owner.Email', 'OwnerId', 'Owner Email', 'owner_email', 'owner_id'],
    created_at: ['Create Date', 'CreatedDate', 'Created Date', 'Created At'],
    external_id: ['Record ID', 'Company ID', 'Account ID', 'AccountId', 'External ID'],
    external_source: ['External Source'],
    ...becameFields,
  },
  deals: {
    name: ['Deal Name', 'Opportunity Name', 'Name'],
    pipeline: ['Pipeline'],
    stage: ['Deal Stage', 'StageName', 'Stage'],
    amount: ['Amount', 'Deal Amount'],
    currency: ['Currency', 'CurrencyIsoCode', 'Deal Currency Code', 'Currency Code'],
    segment: ['Segment'],
    close_date: ['Close Date', 'CloseDate', 'Expected Close Date'],
    closed_at: ['Closed At'],
    lost_reason: ['Closed Lost Reason', 'Lost Reason', 'Loss Reason', 'Reason Lost'],
    win_reason: ['Closed Won Reason', 'Win Reason', 'Won Reason', 'Reason Won'],
    close_note: ['Close Note', 'Closed Lost Reason Details', 'Closed Won Reason Details', 'Reason Details'],
    owner: ['Deal owner', 'Opportunity Owner', 'Owner', 'Owner.Email', 'OwnerId', 'Owner Email', 'owner_email', 'owner_id'],
    contact_email: ['Contact Email', 'Associated Contact Email', 'Email', 'Contact.Email'],
    company_domain: ['Company Domain Name', 'Company Domain', 'Domain', 'Website', 'Account.Website'],
    company_name: ['Associated Company', 'Company Name', 'Company', 'Account Name', 'Account.Name'],
    created_at: ['Create Date', 'CreatedDate', 'Created Date', 'Created At'],
    external_id: ['Record ID', 'Deal ID', 'Opportunity ID', 'OpportunityId', 'External ID'],
    external_source: ['External Source'],
    contact_external_id: ['Associated Contact IDs', 'Associated Contact ID', 'Contact ID', 'ContactId', 'Primary Contact ID'],
    company_external_id: ['Associated Company IDs', 'Associated Company ID', 'Company ID', 'AccountId', 'Account ID', 'Account.Id'],
  },
  activities: {
    type: ['Activity Type', 'Type', 'TaskSubtype', 'Engagement Type'],
    direction: ['Direction', 'Call Direction', 'CallType'],
    outcome: ['Outcome', 'Call Outcome', 'CallDisposition', 'Call Disposition', 'Disposition'],
    subject: ['Subject', 'Title', 'Call Title'],
    body: ['Body', 'Description', 'Notes', 'Comments', 'Call Notes'],
    contact_email: ['Contact Email', 'Email', 'Who.Email', 'Associated Contact Email', 'Contact'],
    company_domain: ['Company Domain Name', 'Company Domain', 'Domain'],
    deal_id: ['Deal ID'],
    user: ['Activity assigned to', 'Assigned To', 'Owner', 'Owner.Email', 'OwnerId', 'User', 'User Email', 'Rep', 'user_email', 'user_id'],
    occurred_at: ['ActivityDate', 'Activity Date', 'Date', 'Occurred At', 'Timestamp', 'Create Date', 'CreatedDate'],
    duration_seconds: ['CallDurationInSeconds', 'Call Duration', 'Duration', 'Duration (seconds)'],
    external_source: ['External Source'],
    contact_external_id: ['Associated Contact IDs', 'Associated Contact ID', 'Contact ID', 'ContactId', 'WhoId', 'Lead ID', 'LeadId'],
    company_external_id: ['Associated Company IDs', 'Associated Company ID', 'Company ID', 'AccountId', 'Account ID'],
    deal_external_id: ['Associated Deal IDs', 'Associated Deal ID', 'Opportunity ID', 'OpportunityId'],
  },
  campaigns: {
    name: ['Campaign Name', 'Name', 'Campaign'],
    type: ['Type', 'Campaign Type', 'Offer', 'Offer Type'],
    utm_campaign: ['UTM Campaign', 'utm campaign', 'Campaign Key', 'UTM', 'Tracking Code'],
    starts_on: ['Start Date', 'StartDate', 'Starts On', 'Start'],
    ends_on: ['End Date', 'EndDate', 'Ends On', 'End'],
    monthly_spend: ['Monthly Spend', 'Monthly Budget', 'Spend', 'Budget', 'BudgetedCost', 'ActualCost', 'Cost'],
    currency: ['Currency', 'CurrencyIsoCode', 'Currency Code'],
  },
};

/**
 * Columns that exports carry but an import has no use for: the source system's own record ids
 * and bookkeeping dates. They are skipped (and listed as such in the mapping) instead of
 * refusing every HubSpot or Salesforce export until the user maps them away by hand. A field's
 * own alias wins over this list (contacts take created_at; activities skip it).
 */
const systemColumns = ['id', 'Record ID', 'created_at', 'Object ID', 'updated_at', 'Last Modified Date', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted', 'LastModifiedById', 'CreatedById'];

const keyCache = new Map<string, string>();

/** How headers are compared: case, accents, spaces and punctuation do not count. */
export function headerKey(header: string): string {
  let key = keyCache.get(header);
  if (key === undefined) {
    key = header.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
    // Enum cells (stages, statuses, outcomes) repeat on every row; unicode normalising each was
    // 8% of a contacts import's own CPU. Bounded, since free-text cells pass through here too.
    if (keyCache.size >= 10_000) keyCache.clear();
    keyCache.set(header, key);
  }
  return key;
}

const indexes = new Map<ImportObject, Map<string, string>>();

/** Recognised header key → field, for one object. */
export function aliasIndex(object: ImportObject): Map<string, string> {
  let index = indexes.get(object);
  if (!index) {
    index = new Map();
    for (const [field, aliases] of Object.entries(importFields[object])) {
      for (const a of [field, ...aliases]) if (!index.has(headerKey(a))) index.set(headerKey(a), field);
    }
    indexes.set(object, index);
  }
  return index;
}

const systemKeys = new Set(systemColumns.map(headerKey));

export function isSystemColumn(header: string): boolean {
  return systemKeys.has(headerKey(header));
}

/** Fields that hold another system's record ids: the record's own, and the records it points at. */
export const externalIdFieldNames = ['external_id', 'contact_external_id', 'company_external_id', 'deal_external_id'] as const;

/**
 * Which system an id header comes from, so a file's ids are read as that system's without being
 * told (--external-source says otherwise). Headers both systems write ("Contact ID" is HubSpot's
 * and a Salesforce report's), and generic ones ("External ID"), say nothing.
 */
const idHeaderSystems: Record<string, 'hubspot' | 'salesforce'> = Object.fromEntries([
  ...['Record ID', 'Company ID', 'Deal ID', 'Associated Contact IDs', 'Associated Contact ID', 'Associated Company IDs', 'Associated Company ID',
    'Primary Associated Company ID', 'Associated Deal IDs', 'Associated Deal ID'].map((h) => [headerKey(h), 'hubspot'] as const),
  ...['Id', 'ContactId', 'LeadId', 'Lead ID', 'AccountId', 'Account ID', 'Account.Id', 'OpportunityId', 'Opportunity ID', 'WhoId']
    .map((h) => [headerKey(h), 'salesforce'] as const),
]);

export function idHeaderSystem(header: string): 'hubspot' | 'salesforce' | undefined {
  return idHeaderSystems[headerKey(header)];
}

/**
 * Salesforce names a record's own id "Id", exactly so; a Revloop export names its own database id
 * "id", which means nothing to another installation. So "Id" as Salesforce writes it is the
 * record's external id (when no other column is), and every other spelling stays skipped.
 */
export function isSalesforceIdHeader(object: ImportObject, header: string): boolean {
  return header.trim() === 'Id' && (object === 'contacts' || object === 'companies' || object === 'deals');
}
