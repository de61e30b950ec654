/**
 * The event names of docs/tracking.md's conventions: rules may name them before the first such
 * event arrives (a new installation configures scoring before its website sends anything).
 */
export const defaultEvents = [
  'Form Submitted', 'Demo Requested', 'Contact Sales Requested', 'CTA Viewed', 'CTA Clicked', 'Content Downloaded',
  'Webinar Registered', 'Webinar Attended', 'Email Opened', 'Email Link Clicked', 'Trade Show Badge Scanned',
];
