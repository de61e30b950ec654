import type { TimelineItem } from '../api-types';
import { formatDateTime } from '../format';
import { useCursorList } from '../use-cursor-list';
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
};

function iconFor(item: TimelineItem): IconName {
  if (item.type === 'activity') return activityIcons[String(item.data.type)] ?? 'note';
  if (item.type === 'stage_change' && (item.data.kind === 'recycle' || item.data.kind === 'reject')) return 'undo';
  return typeIcons[item.type] ?? 'note';
}

export function timelineKey(contactId: number | string): string {
  return `/api/contacts/${contactId}/timeline`;
}

export function Timeline({ contactId }: { contactId: number | string }) {
  const list = useCursorList<TimelineItem>(timelineKey(contactId), {}, { limit: 25 });
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card-title">
        Timeline
      </h2>
      {list.isError && <ErrorMessage error={list.error} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <ol className="timeline" data-testid="timeline">
          {list.items.map((item) => (
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
              </div>
            </li>
          ))}
          {list.items.length === 0 && <li className="muted">Nothing has happened yet.</li>}
        </ol>
      )}
      <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </section>
  );
}
