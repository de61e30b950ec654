import type { Ctx } from '../../context.js';
import { campaignCreateInput, campaignTypes, createCampaign, updateCampaign } from '../../ingest/campaigns.js';
import { headerKey } from './header-aliases.js';
import { dateCell, defined, validateRow, type RowImporter, type WriteCounts } from './row-importer.js';
import { parseNumberValue, type Parsed } from './value-parsers.js';

type CampaignType = (typeof campaignTypes)[number];

// Salesforce's Campaign Type picklist and common words, onto Revloop's offer types.
const typeWords: Record<string, CampaignType> = {
  ...Object.fromEntries(campaignTypes.map((t) => [headerKey(t), t])),
  ebook: 'whitepaper', guide: 'whitepaper', report: 'whitepaper',
  demo: 'online_demo', onlinedemo: 'online_demo', productdemo: 'online_demo',
  tradeshow: 'trade_show', conference: 'event', seminar: 'event', meetup: 'event',
  contactsales: 'contact_sales', contactus: 'contact_sales',
  email: 'newsletter', emailnewsletter: 'newsletter',
  advertisement: 'paid_ads', bannerads: 'paid_ads', ads: 'paid_ads', ppc: 'paid_ads', paidsocial: 'paid_ads',
  blog: 'content', directmail: 'other', telemarketing: 'other', publicrelations: 'other', partners: 'other', referralprogram: 'other',
};

function parseCampaignType(raw: string): Parsed<CampaignType> {
  const t = typeWords[headerKey(raw)];
  return t ? { ok: true, value: t } : { ok: false, problem: `"${raw}" is not a campaign type; use one of ${campaignTypes.join(', ')}` };
}

/** A campaign without a UTM key gets one from its name: "Spring Ebook 2026" → spring-ebook-2026. */
export function utmKeyOf(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type CampaignRow = ReturnType<typeof campaignCreateInput.parse>;

export const campaignRows: RowImporter<CampaignRow> = {
  object: 'campaigns',
  propertyObject: null,
  parsers: { type: parseCampaignType, starts_on: dateCell, ends_on: dateCell, monthly_spend: parseNumberValue },

  async prepare(_env, drafts, report) {
    const out: CampaignRow[] = [];
    for (const d of drafts) {
      // A cell that did not parse is reported already; the schema would only repeat it as missing.
      if (d.bad) continue;
      const v = d.values;
      const input = defined({
        name: v.name, type: v.type, utm_campaign: v.utm_campaign ?? (typeof v.name === 'string' ? utmKeyOf(v.name) : undefined),
        starts_on: v.starts_on, ends_on: v.ends_on, monthly_spend: v.monthly_spend, currency: v.currency,
      });
      const valid = validateRow(campaignCreateInput, input, d, report);
      if (valid && !d.bad) out.push(valid);
    }
    return out;
  },

  /** Campaigns are few: one by one, so each joins its already-stored events; a known UTM key is updated. */
  async write(ctx: Ctx, rows) {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
    for (const r of rows) {
      const [existing] = await ctx.db.query<{ id: number }>('SELECT id FROM campaigns WHERE lower(utm_campaign) = lower($1)', [r.utm_campaign]);
      if (existing) {
        await updateCampaign(ctx.db, existing.id, r, ctx.actor);
        counts.updated++;
      } else {
        await createCampaign(ctx.db, r, ctx.actor);
        counts.created++;
      }
    }
    return counts;
  },
};
