/**
 * Guided procedures for the portal: the same steps voice and chat render, as JSON.
 * Start an interaction, start a procedure on it, answer steps until one of kind 'done'.
 */
import { recordOutcome } from '../../../shared/metrics';
import { EMPTY, defineRoute, type AnyRoute } from '../route-kit';
import { answerSchema, escalationSchema, idParams, procedureStartSchema } from '../schemas';

const customer = { auth: 'customer', tag: 'procedures' } as const;

export const procedureRoutes: AnyRoute[] = [
  defineRoute({
    ...customer,
    method: 'get',
    path: '/procedures',
    operationId: 'listProcedures',
    summary: 'Procedures this session may start, and what each requires',
    idempotency: 'none',
    status: 200,
    handle: async ({ actor }, { care }) => care.procedures.available(actor),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions',
    operationId: 'startInteraction',
    summary: 'Open a portal interaction (the record every step is kept on)',
    idempotency: 'optional',
    body: EMPTY.optional(),
    status: 201,
    handle: ({ actor }, { care }) => care.interactions.start(actor, { channel: 'portal' }),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/procedure',
    operationId: 'startProcedure',
    summary: 'Start (or restart) a guided procedure; returns its first step',
    idempotency: 'optional',
    params: idParams,
    body: procedureStartSchema,
    status: 200,
    problems: [403, 404, 409],
    // Procedure endings are counted by the domain (procedure_outcomes_total), on every channel alike.
    handle: ({ actor, params, body }, { care }) => care.procedures.start(actor, params.id, body.name),
  }),
  defineRoute({
    ...customer,
    method: 'get',
    path: '/interactions/:id/procedure',
    operationId: 'currentStep',
    summary: 'The step the procedure is waiting for',
    idempotency: 'none',
    params: idParams,
    status: 200,
    problems: [404],
    handle: ({ actor, params }, { care }) => care.procedures.current(actor, params.id),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/procedure/answers',
    operationId: 'answerStep',
    summary: 'Answer the current step (choose: option id; confirm: true/false; input: text); returns the next step',
    idempotency: 'optional',
    params: idParams,
    body: answerSchema,
    status: 200,
    problems: [404, 409, 422, 503],
    handle: ({ actor, params, body }, { care }) => care.procedures.answer(actor, params.id, body.field, body.value),
  }),
  defineRoute({
    ...customer,
    method: 'get',
    path: '/resumable',
    operationId: 'getResumable',
    summary: 'The last unfinished procedure on any channel ({ resumable: null } when none)',
    idempotency: 'none',
    status: 200,
    handle: async ({ actor }, { care }) => ({ resumable: await care.procedures.resumable(actor) }),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/resume',
    operationId: 'resumeProcedure',
    summary: 'Continue the unfinished procedure on this interaction; returns the next step',
    idempotency: 'optional',
    params: idParams,
    body: EMPTY.optional(),
    status: 200,
    problems: [404, 409],
    handle: ({ actor, params }, { care }) => care.procedures.resume(actor, params.id),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/escalation',
    operationId: 'escalate',
    summary: 'Hand the interaction to a customer service representative with its full context',
    idempotency: 'optional',
    params: idParams,
    body: escalationSchema,
    status: 201,
    problems: [404, 409],
    handle: async ({ actor, params, body }, { care }) => {
      const escalation = await care.escalations.escalate(actor, params.id, body);
      recordOutcome('portal', escalation.context.intent ?? 'none', 'escalate');
      const position = await care.escalations.position(escalation.id);
      return { id: escalation.id, status: escalation.status, skill: escalation.skill, position, createdAt: escalation.createdAt };
    },
  }),
];
