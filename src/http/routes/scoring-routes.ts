import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contactScore, previewScoring } from '../../domains/scoring/score-contacts.js';
import { z } from 'zod';
import { activeMqlDefinition, applyModes, activeScoringModel, candidateMqlDefinition, candidateScoringModel, rescoreStatus, saveMqlDefinition, scoringVocabulary, saveScoringModel } from '../../domains/scoring/scoring-settings.js';
import { contactScoreOut, mqlDefinitionOut, rescoreStatusOut, scoringModelOut, scoringPreviewOut, scoringVocabularyOut, trainResultOut, versionedOut } from '../../domains/scoring/scoring-out.js';
import { workspaceReportWindow } from '../../domains/workspace/workspace-settings.js';
import { notFound } from '../../shared/errors.js';
import { trainAndApply } from '../../domains/scoring/predictive-training.js';
import { requestCtx } from '../auth.js';
import { idParams, windowQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function scoringRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scoring'];
  const model = { 200: versionedOut(scoringModelOut) };
  const definition = { 200: versionedOut(mqlDefinitionOut) };
  const preview = { 200: scoringPreviewOut };
  // A save queues everyone for rescoring (durably, in its transaction); the processor drains the
  // queue in the background, so the answer does not wait for 100k contacts.
  const rescoreLater = () => app.revloop.processor.wake();
  r.get('/api/scoring/model', { config: { permission: 'crm:read' }, schema: { tags, response: model } }, async () => activeScoringModel(db));
  r.put('/api/scoring/model', { config: { permission: 'scoring:manage' }, schema: { tags, response: model } }, async (req) => {
    const saved = await saveScoringModel(requestCtx(req, db, clock), req.body);
    rescoreLater();
    return saved;
  });
  r.get('/api/scoring/mql-definition', { config: { permission: 'crm:read' }, schema: { tags, response: definition } }, async () => activeMqlDefinition(db));
  // ?apply=new_activity saves without queueing everyone (saveMqlDefinition says what that means).
  const applyQuery = z.object({ apply: z.enum(applyModes, { error: `must be one of ${applyModes.join(', ')}` }).default('everyone') });
  r.put('/api/scoring/mql-definition', { config: { permission: 'scoring:manage' }, schema: { tags, querystring: applyQuery, response: definition } }, async (req) => {
    const saved = await saveMqlDefinition(requestCtx(req, db, clock), req.body, req.query.apply);
    rescoreLater();
    return saved;
  });
  r.get('/api/scoring/vocabulary', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: scoringVocabularyOut } } }, async () => scoringVocabulary(db));
  r.get('/api/scoring/rescore', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: rescoreStatusOut } } }, async () => rescoreStatus(db));
  // What a change would do, for everyone, before anyone saves it.
  r.post('/api/scoring/model/preview', { config: { permission: 'scoring:manage' }, schema: { tags, response: preview } }, async (req) =>
    previewScoring(requestCtx(req, db, clock), { model: await candidateScoringModel(db, req.body) }));
  r.post('/api/scoring/mql-definition/preview', { config: { permission: 'scoring:manage' }, schema: { tags, response: preview } }, async (req) =>
    previewScoring(requestCtx(req, db, clock), { definition: await candidateMqlDefinition(db, req.body) }));
  r.post('/api/scoring/predictive/train', { config: { permission: 'scoring:manage' }, schema: { tags, querystring: windowQuery, response: { 200: trainResultOut } } }, async (req) =>
    trainAndApply(requestCtx(req, db, clock), await workspaceReportWindow(db, req.query, clock.now(), 730)));
  // The calibration, quadrants and model reports: report-routes.ts, from src/reports/.
  r.get('/api/contacts/:id/score', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: contactScoreOut } } }, async (req) => {
    const { mql, ...s } = await contactScore(requestCtx(req, db, clock), req.params.id);
    if (!mql) throw notFound('Contact', req.params.id);
    return { ...s, mql };
  });
}
