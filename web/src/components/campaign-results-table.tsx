import type { MarketingReport } from '../api-types';
import { DataTable, dataValue, numCol } from './data-table';
import { formatMoney, formatNumber, formatPercent, humanize } from '../format';


/**
 * Campaigns ranked by return, as the marketing report and the campaigns reports answer them: the
 * monthly report's table, and the campaigns page's for the days a meeting pack links.
 */
export function CampaignResultsTable({ campaigns, empty }: { campaigns: MarketingReport['campaigns']; empty: string }) {
  return (
    <DataTable
      testId="campaign-table"
      columns={[numCol('#'), 'Campaign', numCol('Spend'), numCol('Visits'), numCol('Leads'), numCol('MQLs'), numCol('Customers'), numCol('Revenue'), numCol('Cost / lead'), numCol('Cost / customer'), numCol('ROI')]}
      empty={empty}
      rows={campaigns.map((c) => {
        const money = (v: number | null) => formatMoney(v, c.currency);
        return (
          <tr key={c.id} data-testid="campaign-row" data-id={c.id} data-rank={c.rank}>
            <td className="num">{c.rank}</td>
            <td className="cell-main" data-col="campaign">
              {c.campaign}
              <div className="cell-sub">{humanize(c.type)}</div>
            </td>
            <td className="num" data-col="spend" data-value={c.spend}>{money(c.spend)}</td>
            <td className="num" data-col="visits" data-value={c.visits}>{formatNumber(c.visits)}</td>
            <td className="num" data-col="leads" data-value={c.leads}>{formatNumber(c.leads)}</td>
            <td className="num" data-col="mqls" data-value={c.mqls}>{formatNumber(c.mqls)}</td>
            <td className="num" data-col="customers" data-value={c.customers}>{formatNumber(c.customers)}</td>
            <td className="num" data-col="revenue" data-value={c.revenue}>{money(c.revenue)}</td>
            <td className="num" data-col="cost-per-lead" data-value={dataValue(c.cost_per_lead)}>{money(c.cost_per_lead)}</td>
            <td className="num" data-col="cost-per-customer" data-value={dataValue(c.cost_per_customer)}>{money(c.cost_per_customer)}</td>
            <td className={`num${c.roi !== null && c.roi < 0 ? ' sales-slower' : c.roi !== null && c.roi > 0 ? ' sales-faster' : ''}`} data-col="roi" data-value={dataValue(c.roi)}>
              {formatPercent(c.roi)}
            </td>
          </tr>
        );
      })}
    />
  );
}
