import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionItemCreateInput, actionItemOut, actionItemUpdateInput, createActionItem, listActionItems, updateActionItem } from '../../domains/rituals/action-items.js';
import { createSeries, findSeries, getSeries, listSeries, seriesCreateInput, seriesDetailOut, seriesUpdateInput, updateSeries } from '../../domains/rituals/meeting-series.js';
import {
  addDecision, decisionInput, decisionOut, deleteDecision, ensureMeeting, getMeeting, holdMeeting, listMeetings, meetingListQuery, meetingOut, meetingPack,
  meetingSummaryOut, meetingUpdateInput, previewMonthlyPack, previewWeeklyPack, sendMeetingPack, sendResultOut, updateMeeting, upcomingPeriod,
} from '../../domains/rituals/meetings.js';
import { packDocumentOut, type PackDocument } from '../../domains/rituals/pack-document.js';
import { bracketedSchemaErrors } from '../error-handler.js';
import { sendPackAs } from '../pack-reply.js';
import { requestCtx } from '../auth.js';
import { idParams, pageFields, pageOf } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

/**
 * The meetings (PRODUCT.md §7): series, meetings with presenters, notes, decisions and action
 * items, holding a meeting (its pack kept as it was), sending its pack, and the pack itself as
 * JSON, a printable HTML page and a PDF, of a meeting or as a live preview. docs/meetings.md.
 */

const decisionParams = z.strictObject({
  id: idParams.shape.id,
  decision_id: z.coerce.number().int('must be a whole number').positive('must be a positive id'),
});

export function meetingRoutes(app: FastifyInstance, { db, readDb, clock, mailer, publicUrl }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const ctx = (req: FastifyRequest) => requestCtx(req, db, clock);
  const manage = { permission: 'meetings:manage' as const };
  const read = { permission: 'crm:read' as const };

  // — Series
  r.get('/api/meeting-series', { config: read, schema: { tags, summary: 'Every meeting series (a handful: active ones first)', response: { 200: z.array(seriesDetailOut) } } }, async (req) => listSeries(ctx(req)));
  r.post('/api/meeting-series', { config: manage, schema: { tags, body: seriesCreateInput, response: { 201: seriesDetailOut } }, schemaErrorFormatter: bracketedSchemaErrors }, async (req, reply) =>
    reply.code(201).send(await createSeries(ctx(req), req.body)));
  r.get('/api/meeting-series/:id', { config: read, schema: { tags, params: idParams, response: { 200: seriesDetailOut } } }, async (req) => getSeries(ctx(req), req.params.id));
  r.patch('/api/meeting-series/:id', { config: manage, schema: { tags, params: idParams, body: seriesUpdateInput, response: { 200: seriesDetailOut } }, schemaErrorFormatter: bracketedSchemaErrors }, async (req) =>
    updateSeries(ctx(req), req.params.id, req.body));
  r.post(
    '/api/meeting-series/:id/meetings',
    {
      config: manage,
      schema: {
        tags,
        summary: "The series' meeting of a period (2026-W49, 2026-12), planned now if it is not yet; without period, its next meeting not yet over",
        params: idParams,
        body: z.strictObject({ period: z.string().optional() }),
        response: { 200: meetingOut },
      },
    },
    async (req) => {
      let period = req.body.period;
      if (period === undefined) {
        const series = await findSeries(db, req.params.id);
        period = upcomingPeriod(series, clock.now(), series.time_zone).period;
      }
      return ensureMeeting(ctx(req), req.params.id, period);
    },
  );

  // — Meetings
  r.get('/api/meetings', { config: read, schema: { tags, summary: 'Meetings, the latest first', querystring: z.strictObject({ ...pageFields, ...meetingListQuery }), response: { 200: pageOf(meetingSummaryOut) } } }, async (req) => {
    const { limit, cursor, ...filters } = req.query;
    return listMeetings(db, filters, { limit, cursor });
  });
  r.get('/api/meetings/:id', { config: read, schema: { tags, params: idParams, response: { 200: meetingOut } } }, async (req) => getMeeting(ctx(req), req.params.id));
  r.patch('/api/meetings/:id', { config: manage, schema: { tags, params: idParams, body: meetingUpdateInput, response: { 200: meetingOut } } }, async (req) => updateMeeting(ctx(req), req.params.id, req.body));
  r.post('/api/meetings/:id/hold', { config: manage, schema: { tags, summary: 'Holds the meeting and keeps its pack as it is now', params: idParams, response: { 200: meetingOut } } }, async (req) => holdMeeting(ctx(req), req.params.id));
  r.post('/api/meetings/:id/send', { config: manage, schema: { tags, summary: "Emails the meeting's pack to each attendee once", params: idParams, response: { 200: sendResultOut } } }, async (req) =>
    sendMeetingPack(ctx(req), { mailer, baseUrl: publicUrl }, req.params.id));
  r.post('/api/meetings/:id/decisions', { config: manage, schema: { tags, params: idParams, body: decisionInput, response: { 201: decisionOut } } }, async (req, reply) =>
    reply.code(201).send(await addDecision(ctx(req), req.params.id, req.body)));
  r.delete('/api/meetings/:id/decisions/:decision_id', { config: manage, schema: { tags, params: decisionParams } }, async (req, reply) => {
    await deleteDecision(ctx(req), req.params.id, req.params.decision_id);
    return reply.code(204).send();
  });

  // — Action items
  r.post('/api/meetings/:id/action-items', { config: manage, schema: { tags, params: idParams, body: actionItemCreateInput, response: { 201: actionItemOut } } }, async (req, reply) =>
    reply.code(201).send(await createActionItem(ctx(req), req.params.id, req.body)));
  const id = (what: string) => z.coerce.number({ error: `must be ${what}` }).int(`must be ${what}`).positive(`must be ${what}`).optional();
  const itemQuery = z.strictObject({
    ...pageFields,
    status: z.string().optional(),
    owner_id: id('a user id'),
    series_id: id('a series id'),
    meeting_id: id('a meeting id'),
  });
  r.get('/api/action-items', { config: read, schema: { tags, summary: 'Action items across meetings, newest first (status: one or several, comma-separated)', querystring: itemQuery, response: { 200: pageOf(actionItemOut) } } }, async (req) => {
    const { limit, cursor, ...filters } = req.query;
    return listActionItems(db, filters, { limit, cursor });
  });
  // crm:write: the owner of an item may move its status; every other change needs meetings:manage (checked in the domain).
  r.patch('/api/action-items/:id', { config: { permission: 'crm:write' }, schema: { tags, params: idParams, body: actionItemUpdateInput, response: { 200: actionItemOut } } }, async (req) =>
    updateActionItem(ctx(req), req.params.id, req.body));

  // — Packs: JSON, a printable page, a PDF, built on the read connection (meetingPack falls back to
  // the primary for a meeting the replica does not hold yet). Holding and sending build theirs on
  // the primary: they follow edits (notes, decisions) the pack must show. docs/scaling.md.
  const readCtx = (req: FastifyRequest) => requestCtx(req, readDb, clock);
  const packs = (path: string, summary: string, querystring: z.ZodObject | undefined, params: z.ZodObject | undefined, build: (req: FastifyRequest) => Promise<PackDocument>) => {
    const schema = { tags, ...(querystring ? { querystring } : {}), ...(params ? { params } : {}) };
    r.get(path, { config: read, schema: { ...schema, summary: `${summary} (PackDocument)`, response: { 200: packDocumentOut } } }, async (req) => build(req));
    r.get(`${path}.html`, { config: read, schema: { ...schema, summary: `${summary}, as a printable HTML page` } }, async (req, reply) => sendPackAs(reply, await build(req), 'html', publicUrl));
    r.get(`${path}.pdf`, { config: read, schema: { ...schema, summary: `${summary}, as a PDF file` } }, async (req, reply) => sendPackAs(reply, await build(req), 'pdf', publicUrl));
  };
  packs('/api/meetings/:id/pack', "A meeting's pack: as it was when held, else live", undefined, idParams, (req) => meetingPack(ctx(req), (req.params as { id: number }).id, readDb));
  const weeklyQuery = z.strictObject({ date: z.string().optional() });
  packs('/api/meeting-packs/weekly', "Live weekly pack of the meeting in the week of date (YYYY-MM-DD; default: the next meeting)", weeklyQuery, undefined, (req) =>
    previewWeeklyPack(readCtx(req), req.query as z.infer<typeof weeklyQuery>));
  const monthlyQuery = z.strictObject({ month: z.string().optional() });
  packs('/api/meeting-packs/monthly', 'Live monthly pack reviewing month (YYYY-MM; default: the last closed month)', monthlyQuery, undefined, (req) =>
    previewMonthlyPack(readCtx(req), req.query as z.infer<typeof monthlyQuery>));
}
