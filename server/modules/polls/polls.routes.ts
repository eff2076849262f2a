import { z } from 'zod';
import { Id } from '../../../contracts/congress.ts';
import {
  BallotAck,
  Candidate,
  CastBallot,
  CreatePoll,
  DesignateTellers,
  DeviceFailure,
  EnterAnalogResult,
  MeetingPollsParams,
  Poll,
  PollParams,
  PollResult,
  PollTellers,
  PollVoter,
  RecordDeviceFailure,
  RecordOath,
} from '../../../contracts/polls.ts';
import { ctxOf, requireUser, type RouteModule } from '../../platform/http.ts';
import { announcePoll, castBallot, closePoll, createPoll, designateTellers, enterAnalogResult, openPoll, recordDeviceFailure, recordOath } from './polls.commands.ts';
import { getPoll, getPollResult, listPollVoters, listPolls } from './polls.queries.ts';

const tags = ['polls'];
/** open, close and announce take no input; a script may still name the poll in the body. */
const PollAction = z.object({ pollId: Id.optional() }).strict().nullish();

export const pollRoutes: RouteModule = (app, deps) => {
  app.post('/api/v1/polls', { schema: { operationId: 'createPoll', tags, body: CreatePoll, response: { 201: Poll } } }, async (req, reply) =>
    reply.code(201).send(await createPoll(ctxOf(deps, req), req.body)),
  );

  app.get('/api/v1/meetings/:meetingId/polls', { schema: { operationId: 'listPolls', tags, params: MeetingPollsParams, response: { 200: z.array(Poll) } } }, (req) =>
    listPolls(ctxOf(deps, req), req.params.meetingId),
  );

  // votedCount says how many have voted, never what (R-V8).
  app.get('/api/v1/polls/:pollId', { schema: { operationId: 'getPoll', tags, params: PollParams, response: { 200: Poll } } }, (req) => getPoll(ctxOf(deps, req), req.params.pollId));

  app.post('/api/v1/polls/:pollId/open', { schema: { operationId: 'openPoll', tags, params: PollParams, body: PollAction, response: { 200: Poll } } }, (req) =>
    openPoll(ctxOf(deps, req), req.params.pollId),
  );

  app.post('/api/v1/polls/:pollId/ballots', { schema: { operationId: 'castBallot', tags, params: PollParams, body: CastBallot, response: { 201: BallotAck } } }, async (req, reply) =>
    reply.code(201).send(await castBallot(ctxOf(deps, req), requireUser(req), req.params.pollId, req.body)),
  );

  app.post('/api/v1/polls/:pollId/analog-result', { schema: { operationId: 'enterAnalogResult', tags, params: PollParams, body: EnterAnalogResult, response: { 200: Poll } } }, (req) =>
    enterAnalogResult(ctxOf(deps, req), req.params.pollId, req.body),
  );

  // Tellers (计票人) and device failures decide who may enter whose vote (R-V4, art. 43).
  app.put('/api/v1/polls/:pollId/tellers', { schema: { operationId: 'designateTellers', tags, params: PollParams, body: DesignateTellers, response: { 200: PollTellers } } }, (req) =>
    designateTellers(ctxOf(deps, req), req.params.pollId, req.body),
  );

  app.post('/api/v1/polls/:pollId/device-failures', { schema: { operationId: 'recordDeviceFailure', tags, params: PollParams, body: RecordDeviceFailure, response: { 201: DeviceFailure } } }, async (req, reply) =>
    reply.code(201).send(await recordDeviceFailure(ctxOf(deps, req), req.params.pollId, req.body)),
  );

  app.post('/api/v1/polls/:pollId/close', { schema: { operationId: 'closePoll', tags, params: PollParams, body: PollAction, response: { 200: PollResult } } }, async (req) => {
    const result = await closePoll(ctxOf(deps, req), req.params.pollId);
    // A signed checkpoint of the chain with the result in it, written without holding the answer (off the ballot path).
    deps.anchors.soon((e) => req.log.error(e, 'audit checkpoint after a poll closed failed'));
    return result;
  });

  app.post('/api/v1/polls/:pollId/announce', { schema: { operationId: 'announcePoll', tags, params: PollParams, body: PollAction, response: { 200: PollResult } } }, (req) =>
    announcePoll(ctxOf(deps, req), req.params.pollId),
  );

  // Counts are absent until the poll closes, for everyone (R-V8).
  app.get('/api/v1/polls/:pollId/result', { schema: { operationId: 'getPollResult', tags, params: PollParams, response: { 200: PollResult } } }, (req) =>
    getPollResult(ctxOf(deps, req), req.params.pollId),
  );

  app.get('/api/v1/polls/:pollId/voters', { schema: { operationId: 'listPollVoters', tags, params: PollParams, response: { 200: z.array(PollVoter) } } }, (req) =>
    listPollVoters(ctxOf(deps, req), req.params.pollId),
  );

  app.post('/api/v1/polls/:pollId/oaths', { schema: { operationId: 'recordOath', tags, params: PollParams, body: RecordOath, response: { 201: Candidate } } }, async (req, reply) =>
    reply.code(201).send(await recordOath(ctxOf(deps, req), req.params.pollId, req.body)),
  );
};
