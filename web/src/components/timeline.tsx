import { useState } from 'react';
import type { TimelineItem, TimelineType } from '../api-types';
import { formatDateTime } from '../format';
import { useCursorList } from '../use-cursor-list';
import { Chips } from './chips';
import { ErrorMessage } from './error-message';
import { Icon, type IconName } from './icon';
import { LoadMore } from './load-more';
import { Loading } from './loading';

const activityIcons: Record<string, IconName> = { call: 'phone', email: 'mail', meeting: 'users', social: 'message' };
const typeIcons: Record<string, IconName> = {
  stage_change: 'trendingUp',
  deal_created: 'dollar',
  deal_stage: 'arrowRight',
  property_change: 'edit',
  merge: 'merge',
  created: 'plus',
  score_change: 'target',
};
const eventIcons: Record<string, IconName> = {
  'Form Submitted': 'clipboard',
  'Demo Requested': 'clipboard',
  'Contact Sales Requested': 'clipboard',
  'Content Downloaded': 'download',
  'CTA Viewed': 'eye',
  'CTA Clicked': 'pointer',
  'Webinar Registered': 'video',
  'Webinar Attended': 'video',
  'Email Opened': 'mailOpen',
  'Email Link Clicked': 'pointer',
};
const callIcons: Record<string, IconName> = { page: 'eye', screen: 'eye', identify: 'user', group: 'building', alias: 'link' };

function iconFor(item: TimelineItem): IconName {
  if (item.type === 'activity') return activityIcons[String(item.data.type)] ?? 'note';
  if (item.type === 'event') return eventIcons[String(item.data.event)] ?? callIcons[String(item.data.type)] ?? 'zap';
  if (item.type === 'stage_change' && (item.data.kind === 'recycle' || item.data.kind === 'reject')) return 'undo';
  return typeIcons[item.type] ?? 'note';
}

/** A logged activity's notes (the timeline carries their first 500 characters), kept to their own lines. */
function notesOf(item: TimelineItem): string | null {
  const body = item.type === 'activity' ? item.data.body : null;
  return typeof body === 'string' && body.trim() ? body.trim() : null;
}

type Filter = 'all' | 'sales' | 'marketing' | 'stages';
const filterTypes: Record<Exclude<Filter, 'all'>, TimelineType[]> = {
  sales: ['activity', 'deal_created', 'deal_stage'],
  marketing: ['event', 'score_change'],
  stages: ['stage_change'],
};
const filterLabels: Record<Filter, string> = { all: 'All', sales: 'Sales', marketing: 'Marketing', stages: 'Stage changes' };

const matches = (item: TimelineItem, filter: Filter) => filter === 'all' || filterTypes[filter].includes(item.type);

export function Timeline({ contactId }: { contactId: number }) {
  // Keyed /api/contacts/<id>/timeline: a change to the contact re-reads it (useContactMutation).
  const list = useCursorList('/api/contacts/{id}/timeline', { path: { id: contactId } }, { limit: 25 });
  // Filters only what is loaded; "Load more" still pages through everything.
  const [filter, setFilter] = useState<Filter>('all');
  const shown = list.items.filter((item) => matches(item, filter));
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-head">
        <h2 id="timeline-title" className="card-title">
          Timeline
        </h2>
        {list.items.length > 0 && (
          <Chips
            label="Show"
            value={filter}
            onChange={setFilter}
            options={(Object.keys(filterLabels) as Filter[]).map((f) => ({ value: f, label: filterLabels[f], count: list.items.filter((item) => matches(item, f)).length }))}
            testId="timeline-filter"
          />
        )}
      </div>
      {list.isError && <ErrorMessage error={list.error} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <ol className="timeline" data-testid="timeline">
          {shown.map((item) => (
            <li key={item.id} className={`timeline-item type-${item.type}`} data-testid="timeline-item" data-type={item.type}>
              <span className="timeline-icon" aria-hidden="true">
                <Icon name={iconFor(item)} size={16} />
              </span>
              <div className="timeline-body">
                <div className="timeline-head">
                  <span className="timeline-title">{item.title}</span>
                  <time dateTime={item.at} className="timeline-time">
                    {formatDateTime(item.at)}
                  </time>
                </div>
                {item.detail && <div className="timeline-detail">{item.detail}</div>}
                {notesOf(item) && (
                  <div className="timeline-detail" data-testid="timeline-notes">
                    {notesOf(item)!
                      .split('\n')
                      .flatMap((line, i) => (i ? [<br key={i} />, line] : [line]))}
                  </div>
                )}
              </div>
            </li>
          ))}
          {list.items.length === 0 && <li className="muted">Nothing has happened yet.</li>}
          {list.items.length > 0 && shown.length === 0 && (
            <li className="muted">Nothing of this kind{list.hasNextPage ? ' among the items loaded so far' : ''}.</li>
          )}
        </ol>
      )}
      <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </section>
  );
}
