import { headerKey } from '../crm/csv-import/header-aliases.js';
import { mappingProblems, parseMapOptions, type ColumnMapping, type HeaderProblem } from '../crm/csv-import/column-mapping.js';

/**
 * The columns of a touch-history file (`revloop import events`), each with the headers of the
 * exports that carry it: Segment's warehouse tables (context_page_url, context_campaign_source...),
 * GA4's BigQuery export (event_name, event_timestamp, user_pseudo_id, page_location...), and the
 * plain words of hand-made and CRM exports (HubSpot's "Page URL", "Contact email"). Headers are
 * compared by headerKey, so case, spaces and punctuation never matter. Any other column is kept
 * as an event property under its own header.
 */
export const eventFields: Record<string, readonly string[]> = {
  type: ['Type', 'Event Type', 'Call Type', 'Hit Type'],
  event: ['Event', 'Event Name', 'event_name', 'Event Action', 'Action', 'Activity Type', 'Activity'],
  timestamp: ['Timestamp', 'event_timestamp', 'Time', 'Date', 'Date Time', 'Occurred At', 'Event Date', 'Event Time', 'original_timestamp', 'Activity Date'],
  message_id: ['Message ID', 'messageId', 'Event ID', 'Hit ID', 'Insert ID'],
  email: ['Email', 'Email Address', 'Contact Email', 'Contact email', 'context_traits_email', 'traits_email', 'User Email', 'Recipient', 'Recipient Email'],
  user_id: ['User ID', 'userId', 'Customer ID'],
  anonymous_id: ['Anonymous ID', 'anonymousId', 'user_pseudo_id', 'Client ID', 'Visitor ID', 'Cookie ID', 'Device ID'],
  external_id: ['External ID', 'Contact ID', 'Contact Record ID', 'Record ID', 'ContactId', 'Lead ID'],
  url: ['URL', 'Page URL', 'page_location', 'context_page_url', 'Full URL', 'Page Location'],
  path: ['Path', 'Page Path', 'page_path', 'context_page_path', 'Page'],
  referrer: ['Referrer', 'Referrer URL', 'Referring URL', 'page_referrer', 'context_page_referrer', 'Referring Site'],
  title: ['Title', 'Page Title', 'page_title', 'context_page_title', 'Page Name'],
  utm_source: ['UTM Source', 'Source', 'context_campaign_source', 'traffic_source.source', 'Campaign Source', 'utm source'],
  utm_medium: ['UTM Medium', 'Medium', 'context_campaign_medium', 'traffic_source.medium', 'Campaign Medium'],
  utm_campaign: ['UTM Campaign', 'Campaign', 'context_campaign_name', 'traffic_source.name', 'Campaign Name'],
  utm_term: ['UTM Term', 'Term', 'context_campaign_term', 'Keyword'],
  utm_content: ['UTM Content', 'context_campaign_content', 'Ad Content'],
  gclid: ['gclid', 'Google Click ID'],
  fbclid: ['fbclid', 'Facebook Click ID'],
  msclkid: ['msclkid', 'Microsoft Click ID'],
  form_id: ['Form ID', 'Form', 'form_id', 'Form GUID'],
  form_name: ['Form Name', 'form_name', 'Form Title'],
  asset: ['Asset', 'Asset Name', 'Content', 'Content Name', 'content_name', 'File Name', 'file_name', 'Document', 'Webinar', 'Webinar Name'],
  email_id: ['Email ID', 'Email Name', 'Email Campaign', 'Email Subject', 'email_id'],
  first_name: ['First Name', 'FirstName', 'context_traits_first_name'],
  last_name: ['Last Name', 'LastName', 'context_traits_last_name'],
  job_title: ['Job Title', 'context_traits_title'],
  phone: ['Phone', 'Phone Number', 'context_traits_phone'],
  company: ['Company', 'Company Name', 'context_traits_company'],
};

/** The identity columns: a row needs at least one of them filled. */
export const identityFields = ['email', 'user_id', 'anonymous_id', 'external_id'] as const;

let aliases: Map<string, string> | null = null;

function aliasIndex(): Map<string, string> {
  if (!aliases) {
    aliases = new Map();
    for (const [field, names] of Object.entries(eventFields)) for (const n of [field, ...names]) if (!aliases.has(headerKey(n))) aliases.set(headerKey(n), field);
  }
  return aliases;
}

/** Event property names for extra columns: the header as written, trimmed ("plan", "Deal Size"). */
export const propertyOfColumn = (column: string) => column.trim();

/**
 * What every header of an events file means. Unlike the CRM objects, an unknown column does not
 * refuse the file: it becomes an event property, as a Segment call carries any property.
 * `--map "Col=field"` still says what a column is, `--map "Col=properties.name"` names its
 * property, `--map "Col=-"` skips it.
 */
export function resolveEventColumns(headers: readonly string[], mapItems: readonly string[]): { columns: ColumnMapping[]; problems: HeaderProblem[] } {
  const { map, problems } = parseMapOptions(mapItems);
  const index = aliasIndex();
  const columns: ColumnMapping[] = [];
  const used = new Set<string>();
  headers.forEach((column, i) => {
    const key = headerKey(column);
    used.add(key);
    const mapped = map.get(key);
    if (mapped !== undefined) {
      if (mapped === '-' || mapped === '') return columns.push({ index: i, column, field: null, source: 'ignored', note: 'by --map' });
      const prop = /^properties\.(.+)$/.exec(mapped)?.[1];
      if (prop === undefined && !(mapped in eventFields)) {
        problems.push({ column, field: mapped, problem: `"${mapped}" is not an event field; use one of ${Object.keys(eventFields).join(', ')}, properties.<name>, or -` });
      }
      return columns.push({ index: i, column, field: mapped, source: 'map' });
    }
    if (key === '') return columns.push({ index: i, column, field: null, source: 'ignored', note: 'no header' });
    const field = index.get(key);
    if (field) return columns.push({ index: i, column, field, source: 'recognised' });
    return columns.push({ index: i, column, field: `properties.${propertyOfColumn(column)}`, source: 'property', note: 'event property' });
  });
  problems.push(...mappingProblems(columns, map, mapItems, used));
  const has = (f: string) => columns.some((c) => c.field === f);
  if (!has('timestamp')) problems.push({ column: '', field: 'timestamp', problem: 'the file has no column for timestamp (when each event happened)' });
  if (!identityFields.some(has)) {
    problems.push({ column: '', field: 'email', problem: 'the file needs a column saying who each event is about: email, user_id, anonymous_id or external_id' });
  }
  if (!has('type') && !has('event') && !has('url') && !has('path')) {
    problems.push({ column: '', field: 'event', problem: 'the file needs an event name, a type, or a page url/path column: what happened' });
  }
  return { columns, problems };
}

export type EventCallType = 'page' | 'screen' | 'track' | 'identify';

const typeWords: Record<string, EventCallType> = {
  page: 'page', pageview: 'page', pageviews: 'page', pagevisit: 'page', web: 'page',
  screen: 'screen', screenview: 'screen',
  track: 'track', event: 'track', action: 'track',
  identify: 'identify', identification: 'identify', identity: 'identify',
};

/** A type cell: Segment's call types and their common spellings; group and alias come only through /v1. */
export function parseCallType(raw: string): { ok: true; value: EventCallType } | { ok: false; problem: string } {
  const t = typeWords[headerKey(raw)];
  if (t) return { ok: true, value: t };
  const why = /^(group|alias)$/i.test(raw.trim()) ? ': group and alias calls are not imported from files, send them to /v1' : '';
  return { ok: false, problem: `"${raw.trim()}" is not an event type; use page, track, identify or screen${why}` };
}

/** Event names of common exports that mean a page view. */
const pageViewNames = new Set(['pageview', 'pageviews', 'pageview', 'viewedpage', 'pagevisit', 'visitedpage', 'page', 'pagevisited', 'screenview']);

/**
 * Event names of GA4, HubSpot and hand-made exports, onto the conventions of docs/tracking.md so
 * forms, downloads and email engagement count as such (a GA4 "file_download" is a
 * "Content Downloaded"); any other name is kept as written.
 */
const conventionalNames: Record<string, string> = {
  formsubmitted: 'Form Submitted', formsubmit: 'Form Submitted', formsubmission: 'Form Submitted', submittedform: 'Form Submitted', generatelead: 'Form Submitted',
  contentdownloaded: 'Content Downloaded', filedownload: 'Content Downloaded', download: 'Content Downloaded', downloaded: 'Content Downloaded', contentdownload: 'Content Downloaded',
  emailopened: 'Email Opened', emailopen: 'Email Opened', openedemail: 'Email Opened',
  emaillinkclicked: 'Email Link Clicked', emailclick: 'Email Link Clicked', emailclicked: 'Email Link Clicked', clickedlinkinemail: 'Email Link Clicked', clickedemail: 'Email Link Clicked',
  demorequested: 'Demo Requested', requestdemo: 'Demo Requested', demorequest: 'Demo Requested',
  contactsalesrequested: 'Contact Sales Requested', contactsales: 'Contact Sales Requested',
  webinarregistered: 'Webinar Registered', webinarregistration: 'Webinar Registered', registeredforwebinar: 'Webinar Registered',
  webinarattended: 'Webinar Attended', attendedwebinar: 'Webinar Attended',
  ctaclicked: 'CTA Clicked', ctaclick: 'CTA Clicked', ctaviewed: 'CTA Viewed', ctaview: 'CTA Viewed',
};

/** The event a name cell means: a page view, or a track event under its conventional name. */
export function eventOfName(raw: string): { pageView: true } | { pageView: false; name: string } {
  const key = headerKey(raw);
  if (pageViewNames.has(key)) return { pageView: true };
  return { pageView: false, name: conventionalNames[key] ?? raw.trim() };
}

/** The property of the asset an event is about (recognise-asset.ts reads it): content, webinar, CTA or form. */
export function assetProperty(event: string | null): string {
  switch (event) {
    case 'Webinar Registered':
    case 'Webinar Attended':
      return 'webinar_name';
    case 'CTA Clicked':
    case 'CTA Viewed':
      return 'cta_name';
    case 'Form Submitted':
    case 'Demo Requested':
    case 'Contact Sales Requested':
      return 'form_name';
    default:
      return 'content_name';
  }
}
