import { mqlTypeSql } from '../../reports/dimensions.js';
import { firstCampaignTouchSql } from '../../reports/queries/first-campaign-touch.js';

// Sales' rejections of a month, one row per rejection: leads moved back by rejectContact (kind
// 'reject', also imported history) at [$1, $2). rejectContact writes the reason as
// "rejected: <code> (<details>)" on the transition (the contact's lead_status_reason holds it too,
// but only until its status next changes); the caller reads the code from it.
// - mql_type: the contact's MQL type (UNSPECIFIED_MQL_TYPE without one), as every report groups it;
// - channel: its original source, the marketing report's channel key;
// - campaign: the campaign that generated the lead, as the marketing report credits leads to
//   campaigns (firstCampaignTouchSql); null when none.
export const monthRejectionsSql = /* sql */ `
SELECT st.object_id AS contact_id, st.reason,
       ${mqlTypeSql('c')} AS mql_type,
       COALESCE(NULLIF(btrim(c.original_source), ''), 'Unknown') AS channel,
       cp.name AS campaign
  FROM stage_transitions st
  JOIN contacts c ON c.id = st.object_id
  LEFT JOIN LATERAL (${firstCampaignTouchSql('c')}) t ON true
  LEFT JOIN campaigns cp ON cp.id = t.campaign_id
 WHERE st.object_type = 'contact' AND st.kind = 'reject' AND st.at >= $1 AND st.at < $2
 ORDER BY st.at, st.id`;

export interface RejectionRow {
  contact_id: number;
  reason: string | null;
  mql_type: string;
  channel: string;
  campaign: string | null;
}
