import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { reportDimensions } from '../api-types';
import { formatMonth, formatNumber, formatPercent } from '../format';
import { useDimensionChoices } from '../queries';
import { CsvLink } from './csv-link';
import { DataTable, numCol } from './data-table';
import { DimensionSelect } from './dimension-select';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { Loading } from './loading';

/**
 * The funnel split by cohort month, channel, segment, industry, MQL type or an enum property
 * (GET /api/reports/funnel-breakdown): each group's contacts, biggest first, and per step its
 * conversion rate and median days (sample on hover).
 */
export function FunnelBreakdownSection({ days, words, labelOf }: { days: { from: string; to: string }; words: string; labelOf: (stage: string) => string }) {
  const [dimension, setDimension] = useState('month');
  const params = useMemo(() => ({ dimension, from: days.from, to: days.to }), [dimension, days.from, days.to]);
  const report = useQuery({
    queryKey: ['/api/reports/funnel-breakdown', params],
    queryFn: ({ signal }) => apiGet('/api/reports/funnel-breakdown', { params: { query: params }, signal }),
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;
  const steps = data?.groups[0]?.conversions.map((c) => ({ from: c.from, to: c.to })) ?? [];
  const groupLabel = (g: { group: string; label: string }) => (data?.by === 'month' ? formatMonth(g.group) : g.label);
  const choices = useDimensionChoices();
  const splitLabel = (choices.data?.find((d) => d.key === dimension)?.label ?? data?.by_label ?? 'group').toLowerCase();

  return (
    <section className="card card-flush" data-testid="funnel-breakdown">
      <div className="card-head card-title-pad">
        <h2 className="card-title">Breakdown</h2>
        <div className="window-picker">
          <Field label="Split by">
            <DimensionSelect name="breakdown-dimension" value={dimension} onChange={setDimension} builtins={reportDimensions} testId="breakdown-dimension" />
          </Field>
          <CsvLink report="funnel-breakdown" query={params} testId="breakdown-csv" />
        </div>
      </div>
      <p className="muted card-note">
        Contacts created {words}, by {splitLabel}: each step&apos;s conversion (reached next ÷ reached this) and median days between the two
        stages; hover a figure for its sample.{dimension !== 'month' && ' The biggest groups come first; every group is kept, however small.'}
      </p>
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && <Loading />}
      {data && (
        <DataTable
          testId="breakdown-table"
          className="breakdown-table"
          wrapClassName={report.isFetching ? 'is-refreshing' : undefined}
          data={{ 'data-by': data.by }}
          columns={[
            data.by_label,
            numCol('Contacts'),
            ...steps.map((s) => ({ label: `${labelOf(s.from)} → ${labelOf(s.to)}`, className: 'num', data: { 'data-step': `${s.from}-${s.to}` } })),
          ]}
          empty="No contact created in these months."
          rows={data.groups.map((g) => (
            <tr key={g.group} data-testid="breakdown-row" data-group={g.group}>
              <td className="cell-main nowrap">{groupLabel(g)}</td>
              <td className="num" data-col="contacts">
                {formatNumber(g.contacts)}
              </td>
              {g.conversions.map((c) => {
                const from = g.reached[c.from] ?? 0;
                const next = g.reached[c.to] ?? 0;
                return (
                  <td
                    key={`${c.from}-${c.to}`}
                    className="num"
                    data-step={`${c.from}-${c.to}`}
                    data-rate={c.rate ?? ''}
                    data-sample={c.sample}
                    title={`${formatNumber(next)} of ${formatNumber(from)} reached ${labelOf(c.to)}; median over ${formatNumber(c.sample)} ${c.sample === 1 ? 'contact' : 'contacts'} timed`}
                  >
                    <div>{formatPercent(c.rate)}</div>
                    <div className="cell-sub" data-col="median-days">
                      {c.median_days === null ? '— d' : `${formatNumber(c.median_days)} d`}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        />
      )}
    </section>
  );
}
