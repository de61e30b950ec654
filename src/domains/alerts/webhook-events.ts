import type { AlertKind } from './alerts.js';

/**
 * The webhook event catalogue (docs/webhooks.md): stable dotted names a webhook subscribes to.
 * Each body carries `version`; a change that is not purely additive gets a new version.
 */
export const webhookEvents = [
  'contact.stage_changed', 'company.stage_changed',
  'lead.handoff', 'lead.ae_handoff', 'lead.unroutable',
  'sla.at_risk', 'sla.breached',
  'lead.rejected', 'lead.recycled',
  'contact.returned',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const WEBHOOK_EVENT_VERSION = 1;

/**
 * The event an alert goes out as. The 'recycled' alert (an automatic recycle, told to the owner)
 * has none of its own: the recycle's stage move already sends lead.recycled, for manual recycles
 * too, so it goes out only to webhooks that named the old alert kind.
 */
export const alertEvents: Record<AlertKind, WebhookEvent | null> = {
  handoff: 'lead.handoff',
  ae_handoff: 'lead.ae_handoff',
  unroutable: 'lead.unroutable',
  first_touch_at_risk: 'sla.at_risk',
  attempts_at_risk: 'sla.at_risk',
  first_touch_breached: 'sla.breached',
  attempts_breached: 'sla.breached',
  // The account executive's first-meeting clock: same events, told apart by the body's `kind`.
  first_meeting_at_risk: 'sla.at_risk',
  first_meeting_breached: 'sla.breached',
  recycled: null,
  contact_returned: 'contact.returned',
};

/** The event name an alert's webhook body carries: its catalogue event, else `alert.<kind>`. */
export const alertEventName = (kind: string): string => alertEvents[kind as AlertKind] ?? `alert.${kind}`;

/** What a webhook may subscribe to: the catalogue's events, and the alert kinds subscriptions named before it. */
export const subscribableKinds: readonly string[] = [...webhookEvents, ...Object.keys(alertEvents)];
