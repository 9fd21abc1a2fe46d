/**
 * The supervisor's approvals: GET /api/v1/staff/approvals lists what waits (adjustments above a
 * limit or held by a rule), POST /api/v1/staff/approvals/:id decides one. A CSR gets 403; a
 * decision that lost the race, or one on a request already decided, gets 409.
 */
import { z } from 'zod';
import type { StaffRoute } from './staff-routes';

const approvalParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an approval id') });
const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(1000).optional().meta({ description: 'Why; required to reject (the customer is told the decision on their next contact)' }),
});

export const APPROVAL_ROUTES: readonly StaffRoute[] = [
  {
    method: 'get', path: '/approvals', operationId: 'staffApprovals', auth: 'staff', status: 200, problems: [403],
    summary: 'Supervisor: requests waiting for approval, with customer, amount, reason, who asked (self-service or which CSR) and the rule that sent them here',
    handle: async ({ session, deps }) => ({ items: await deps.approvals.pending(session.staff) }),
  },
  {
    method: 'post', path: '/approvals/:id', operationId: 'staffDecideApproval', auth: 'staff', status: 200, problems: [403, 404, 409, 422, 503],
    summary: 'Supervisor: approve (sent to billing through the outbox) or reject (with the reason) a waiting request; one decision wins, nobody decides their own request',
    params: approvalParams, body: decisionBody,
    handle: async ({ params, body, session, deps }) => deps.approvals.decide(session.staff, params.id as string, body as z.output<typeof decisionBody>),
  },
];
