/** Staff routes of voice pickup (registered in staff-routes.ts). */
import { z } from 'zod';
import type { StaffRoute } from './staff-routes';

const escalationId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an escalation id') });

export const VOICE_PICKUP_ROUTES: readonly StaffRoute[] = [
  {
    method: 'post', path: '/queue/:id/connect-call', operationId: 'staffConnectCall',
    summary: 'Put a call I took through to my phone again (the first attempt failed), or call a callback customer again; answers the call hand-off (connecting, calling-back, routed-by-taskrouter, not-moved)',
    auth: 'staff', params: escalationId, status: 200, problems: [403, 404, 409, 422],
    handle: async ({ params, session, deps }) => ({ call: await deps.desk.connectCall(session.staff, params.id as string) }),
  },
];
