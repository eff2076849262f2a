import { z } from 'zod';
import { CongressParams } from '../../../contracts/congress.ts';
import { ctxOf, noContent, type RouteModule } from '../http.ts';
import { CalendarOverride, CalendarRange, CalendarView, Deadline, DeadlineQuery, OverrideParams, SetOverride } from './calendar.contract.ts';
import { deleteCalendarOverride, setCalendarOverride } from './calendar.commands.ts';
import { computeDeadline, getCalendar, listCalendarOverrides } from './calendar.queries.ts';

const tags = ['calendar'];

export const calendarRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/congresses/:congressId/calendar',
    { schema: { operationId: 'getWorkingCalendar', tags, params: CongressParams, querystring: CalendarRange, response: { 200: CalendarView } } },
    (req) => getCalendar(ctxOf(deps, req), req.params.congressId, req.query.from, req.query.to),
  );
  app.get(
    '/api/v1/congresses/:congressId/calendar/overrides',
    { schema: { operationId: 'listCalendarOverrides', tags, params: CongressParams, response: { 200: z.array(CalendarOverride) } } },
    (req) => listCalendarOverrides(ctxOf(deps, req), req.params.congressId),
  );
  app.put(
    '/api/v1/congresses/:congressId/calendar/overrides/:date',
    { schema: { operationId: 'setCalendarOverride', tags, params: OverrideParams, body: SetOverride, response: { 200: CalendarOverride } } },
    (req) => setCalendarOverride(ctxOf(deps, req), req.params.congressId, req.params.date, req.body),
  );
  app.delete(
    '/api/v1/congresses/:congressId/calendar/overrides/:date',
    { schema: { operationId: 'deleteCalendarOverride', tags, params: OverrideParams } },
    async (req, reply) => {
      await deleteCalendarOverride(ctxOf(deps, req), req.params.congressId, req.params.date);
      return noContent(reply);
    },
  );
  app.get(
    '/api/v1/congresses/:congressId/calendar/deadline',
    { schema: { operationId: 'computeDeadline', tags, params: CongressParams, querystring: DeadlineQuery, response: { 200: Deadline } } },
    (req) => computeDeadline(ctxOf(deps, req), req.params.congressId, req.query),
  );
};
