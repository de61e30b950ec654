import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryParams } from '../api';
import { CsvLink } from '../components/csv-link';
import { ErrorMessage } from '../components/error-message';
import { DefinitionPerformance, FlaggedGroups, LeadQualityTotals, LeadQualityTrend, RejectionReasons, RejectionsBy } from '../components/lead-quality-sections';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ReportBody } from '../components/report-body';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { useReportWindow } from '../use-report-window';

/**
 * Lead quality back to marketing: of the MQLs that qualified in the period, the share sales
 * rejected or recycled, by MQL type, source, campaign, definition clause and version, and rep,
 * with the groups far above average; and how each definition clause and version performs.
 */
export function LeadQualityPage() {
  const period = useReportWindow();
  const params = useMemo<QueryParams>(() => ({ ...period.query }), [period.query]);
  const report = useQuery({
    queryKey: ['/api/reports/lead-quality', params],
    queryFn: ({ signal }) => apiGet('/api/reports/lead-quality', { params: { query: params }, signal }),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  const definitions = useQuery({
    queryKey: ['/api/reports/mql-definition', params],
    queryFn: ({ signal }) => apiGet('/api/reports/mql-definition', { params: { query: params }, signal }),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;

  return (
    <>
      <PageHeader
        title="Lead quality"
        subtitle="Of the MQLs that qualified in the period, how many sales rejected or sent back to nurture, where they came from, and how each MQL definition clause performs."
        actions={
          <div className="window-picker" data-testid="lead-quality-controls">
            <ReportWindowPicker state={period} />
            {period.valid && <CsvLink report="lead-quality" query={params} testId="lead-quality-csv" />}
          </div>
        }
      />
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="lead-quality-report">
          <LeadQualityTotals data={data} />
          <FlaggedGroups data={data} />
          <RejectionsBy data={data} />
          <div className="chart-grid chart-grid-even">
            <LeadQualityTrend data={data} />
            <RejectionReasons data={data} />
          </div>
          {definitions.isError && <ErrorMessage error={definitions.error} />}
          {definitions.data && !definitions.isError && <DefinitionPerformance data={definitions.data} csv={<CsvLink report="mql-definition" query={params} testId="mql-definition-csv" title="The definition performance as CSV" />} />}
        </ReportBody>
      )}
    </>
  );
}
