// Records a file or a call gives no create date for: when they were created, consistent with the
// dates it does give (stage dates, close dates), so history never runs backwards.

/**
 * When a contact the file gives no create date for was created: at its earliest dated stage when
 * that is before now (an MQL list with only MQL dates), else now. Created today, a contact that
 * became an MQL in 2018 would fall in today's cohort of every funnel report.
 */
export function contactCreatedAt(history: readonly { at: Date }[] | undefined, now: Date): Date {
  const first = history?.length ? new Date(Math.min(...history.map((h) => h.at.getTime()))) : null;
  return first && first < now ? first : now;
}

/**
 * When a deal the file gives no create date for was created: now, unless it closed before now (a
 * file of last year's won deals): then when it closed. Created today, it would have made its
 * contact an opportunity today, after the customer it became when the deal was won.
 */
export function dealCreatedAt(closedAt: Date | null, now: Date): Date {
  return closedAt && closedAt < now ? closedAt : now;
}
