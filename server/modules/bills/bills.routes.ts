import { z } from 'zod';
import {
  Bill,
  BillAction,
  BillParams,
  BillsQuery,
  CreateBill,
  DecideBill,
  HoldBill,
  SendBackBill,
  IssueOutcome,
  LinkAgendaItem,
  Promulgate,
  RecordApproval,
  RecordBillVote,
  RecordReading,
  RecordStatement,
  ReportForApproval,
  SetPresenter,
  WithdrawBill,
} from '../../../contracts/bills.ts';
import { CongressParams, IsoDate } from '../../../contracts/congress.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { confirmCosign, createBill, decideBill, holdBill, sendBackBill, submitBill, withdrawBill } from './bills.commands.ts';
import { recordBillVote, subscribeBillVotes } from './bills.vote.ts';
import {
  issueOutcomeDocument,
  linkBillAgendaItem,
  promulgateBill,
  recordAppointmentStatement,
  recordBillApproval,
  recordBillReading,
  reportBillForApproval,
  setBillPresenter,
} from './stages.commands.ts';
import { getBill, getBillHistory, listBills } from './bills.queries.ts';

const tags = ['bills'];

export const billRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(deps, req);

  app.post('/api/v1/bills', { schema: { operationId: 'createBill', tags, body: CreateBill, response: { 201: Bill } } }, async (req, reply) => {
    const id = await createBill(ctx(req), req.body);
    return reply.code(201).send(await getBill(ctx(req), id));
  });
  app.get('/api/v1/congresses/:congressId/bills', { schema: { operationId: 'listBills', tags, params: CongressParams, querystring: BillsQuery, response: { 200: z.array(Bill) } } }, (req) =>
    listBills(ctx(req), req.params.congressId, req.query),
  );
  app.get('/api/v1/bills/:billId', { schema: { operationId: 'getBill', tags, params: BillParams, response: { 200: Bill } } }, (req) => getBill(ctx(req), req.params.billId));
  app.get('/api/v1/bills/:billId/history', { schema: { operationId: 'getBillHistory', tags, params: BillParams, response: { 200: z.array(BillAction) } } }, (req) =>
    getBillHistory(ctx(req), req.params.billId),
  );
  app.post('/api/v1/bills/:billId/cosign', { schema: { operationId: 'confirmCosign', tags, params: BillParams, response: { 200: Bill } } }, async (req) => {
    await confirmCosign(ctx(req), req.params.billId);
    return getBill(ctx(req), req.params.billId);
  });
  app.post(
    '/api/v1/bills/:billId/submit',
    { schema: { operationId: 'submitBill', tags, params: BillParams, body: z.object({ submittedOn: IsoDate.optional() }).strict().optional(), response: { 200: Bill } } },
    async (req) => {
      await submitBill(ctx(req), req.params.billId, req.body?.submittedOn);
      return getBill(ctx(req), req.params.billId);
    },
  );
  app.post('/api/v1/bills/:billId/decision', { schema: { operationId: 'decideBill', tags, params: BillParams, body: DecideBill, response: { 200: Bill } } }, async (req) => {
    await decideBill(ctx(req), req.params.billId, req.body);
    return getBill(ctx(req), req.params.billId);
  });
  app.post('/api/v1/bills/:billId/withdraw', { schema: { operationId: 'withdrawBill', tags, params: BillParams, body: WithdrawBill, response: { 200: Bill } } }, async (req) => {
    await withdrawBill(ctx(req), req.params.billId, req.body);
    return getBill(ctx(req), req.params.billId);
  });
  app.post('/api/v1/bills/:billId/hold', { schema: { operationId: 'holdBill', tags, params: BillParams, body: HoldBill, response: { 200: Bill } } }, async (req) => {
    await holdBill(ctx(req), req.params.billId, req.body);
    return getBill(ctx(req), req.params.billId);
  });
  app.post(
    '/api/v1/bills/:billId/vote',
    {
      schema: {
        operationId: 'recordBillVote',
        description: 'Records the vote from the closed poll(s) on the bill’s agenda item; the result is read from the poll, never sent by the client.',
        tags,
        params: BillParams,
        body: RecordBillVote,
        response: { 200: Bill },
      },
    },
    async (req) => {
      await recordBillVote(ctx(req), req.params.billId, req.body);
      return getBill(ctx(req), req.params.billId);
    },
  );

  // After placement: the agenda item, presenter (R-B5), readings (R-B6), statements (R-B4), outcome documents, approval (R-B7).
  const step = <B extends z.ZodType>(path: string, operationId: string, body: B, run: (c: ReturnType<typeof ctx>, billId: string, input: z.infer<B>) => Promise<unknown>) =>
    app.post(`/api/v1/bills/:billId/${path}`, { schema: { operationId, tags, params: BillParams, body, response: { 200: Bill } } }, async (req) => {
      await run(ctx(req), req.params.billId, req.body as z.infer<B>);
      return getBill(ctx(req), req.params.billId);
    });
  step('send-back', 'sendBackBill', SendBackBill, sendBackBill);
  step('agenda-item', 'linkBillAgendaItem', LinkAgendaItem, linkBillAgendaItem);
  step('presenter', 'setBillPresenter', SetPresenter, setBillPresenter);
  step('readings', 'recordBillReading', RecordReading, recordBillReading);
  step('statements', 'recordAppointmentStatement', RecordStatement, recordAppointmentStatement);
  step('outcomes', 'issueOutcomeDocument', IssueOutcome, issueOutcomeDocument);
  step('approval-request', 'reportBillForApproval', ReportForApproval, reportBillForApproval);
  step('approval', 'recordBillApproval', RecordApproval, recordBillApproval);
  step('promulgation', 'promulgateBill', Promulgate, promulgateBill);

  subscribeBillVotes(app, deps);
};

