import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiPost } from '../api';
import { formatAgo, formatDateTime, formatNumber } from '../format';
import { alertsKey, useUnreadAlerts } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { useNow } from '../use-now';
import { ErrorMessage } from './error-message';
import { Icon } from './icon';
import { LoadMore } from './load-more';
import { Loading } from './loading';

/** The bell in the sidebar: unread alerts (polled every 30 s) and a panel to read them and mark them read. */
export function AlertsBell({ enabled }: { enabled: boolean }) {
  const [open, setOpen] = useState(false);
  const unread = useUnreadAlerts(enabled);
  // A full page of unread alerts means there are more: the count only needs to read 99+ by then.
  const count = unread.data?.data.length ?? 0;
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  if (!enabled) return null;
  return (
    <div className="alerts" ref={wrap}>
      <button
        type="button"
        className="alerts-bell"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={count ? `Alerts, ${count} unread` : 'Alerts'}
        data-testid="alerts-bell"
      >
        <Icon name="bell" size={18} />
        <span>Alerts</span>
        {count > 0 && (
          <span className="alerts-count" data-testid="alerts-count">
            {count > 99 ? '99+' : formatNumber(count)}
          </span>
        )}
      </button>
      {open && <AlertsPanel unread={count} onNavigate={() => setOpen(false)} />}
    </div>
  );
}

function AlertsPanel({ unread, onNavigate }: { unread: number; onNavigate: () => void }) {
  const queryClient = useQueryClient();
  const now = useNow();
  // The newest 30, then 30 more at a time; alertsKey's invalidations reach it (its key starts with the path).
  const alerts = useCursorList(alertsKey[0], {}, { limit: 30 });
  const markRead = useMutation({
    mutationFn: (ids: number[] | 'all') => apiPost('/api/alerts/read', { body: { ids } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsKey }),
  });

  return (
    <div className="alerts-panel" role="dialog" aria-label="Alerts" data-testid="alerts-panel">
      <div className="alerts-panel-head">
        <h2 className="card-title">Alerts</h2>
        <button type="button" className="btn btn-small" onClick={() => markRead.mutate('all')} disabled={unread === 0 || markRead.isPending} data-testid="alerts-read-all">
          Mark all read
        </button>
      </div>
      {markRead.isError && <ErrorMessage error={markRead.error} />}
      {alerts.isError && <ErrorMessage error={alerts.error} />}
      {alerts.isPending && <Loading />}
      {alerts.isSuccess && alerts.items.length === 0 && <p className="muted alerts-empty">No alerts yet.</p>}
      {alerts.items.length > 0 && (
        <ul className="alerts-list">
          {alerts.items.map((a) => (
            <li key={a.id} className={`alert-item${a.read_at ? '' : ' unread'}`} data-testid="alert-item" data-kind={a.kind}>
              <div className="alert-item-head">
                <span className="alert-item-title" data-testid="alert-title">
                  {a.contact_id ? (
                    <Link to={`/contacts/${a.contact_id}`} onClick={onNavigate}>
                      {a.title}
                    </Link>
                  ) : (
                    a.title
                  )}
                </span>
                {/* When what the alert is about happened (a deadline passing), not when the alert was written: a
                    deadline months old sent today is not "7 min ago". */}
                <time className="muted small nowrap" dateTime={a.trigger_at} title={formatDateTime(a.trigger_at)}>
                  {formatAgo(a.trigger_at, now)}
                </time>
              </div>
              <div className="small">{a.body}</div>
              {!a.read_at && (
                <button type="button" className="btn-link small" onClick={() => markRead.mutate([a.id])} disabled={markRead.isPending} data-testid="alert-read">
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasNextPage={alerts.hasNextPage} isFetchingNextPage={alerts.isFetchingNextPage} fetchNextPage={alerts.fetchNextPage} label="Show more" />
    </div>
  );
}
