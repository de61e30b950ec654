import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { Chart, countAxis, type ChartOption } from '../chart';
import { formatDateTime } from '../format';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';

/** Fit and interest over time, one point per change scoring made; what changed each is on the timeline too. */
export function ScoreHistoryCard({ contactId }: { contactId: number }) {
  const history = useQuery({
    queryKey: ['/api/contacts', contactId, 'score-history'],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}/score-history', { params: { path: { id: contactId } }, signal }),
  });
  const rows = history.data?.data ?? [];
  const option: ChartOption = {
    grid: { left: 40, right: 16, top: 28, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: countAxis(),
    series: [
      { name: 'Fit', type: 'line', step: 'end', data: rows.map((h) => [h.at, h.fit]) },
      { name: 'Interest', type: 'line', step: 'end', data: rows.map((h) => [h.at, h.interest]) },
    ],
  };
  const last = rows[rows.length - 1];
  // Before the first scoring the qualification card already says so.
  if (history.isSuccess && rows.length === 0) return null;
  return (
    <section className="card" data-testid="score-history">
      <div className="card-head">
        <h2 className="card-title">Score history</h2>
        {last && <span className="muted small">Last change {formatDateTime(last.at)}</span>}
      </div>
      <ErrorMessage error={history.error} />
      {history.isPending ? (
        <Loading />
      ) : (
        <>
          {rows.length > 1 && <Chart option={option} height={180} ariaLabel="Fit and interest over time" testId="score-history-chart" />}
          <ul className="plain-list small" data-testid="score-history-changes">
            {rows
              .slice(-3)
              .reverse()
              .map((h, i) => (
                <li key={i}>
                  <span className="muted">{formatDateTime(h.at)}</span> {h.reason}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
