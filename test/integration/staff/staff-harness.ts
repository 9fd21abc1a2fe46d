/** Staff API helpers over the API harness: sign a demo staff member in, queue an escalation. */
import { DEMO_STAFF, type DemoStaff } from '../../../src/demo/demo-staff';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import type { Actor } from '../../../src/domain/shared/actor';
import type { Api } from '../api/api-harness';

export const staffNamed = (username: string): DemoStaff => {
  const s = DEMO_STAFF.find((x) => x.username === username);
  if (!s) throw new Error(`no demo staff ${username}`);
  return s;
};
export const BILLING_CSR = staffNamed('alex.morgan');
export const REPAIR_CSR = staffNamed('sam.okafor');
export const SUPERVISOR = staffNamed('jordan.reyes');

/** Signs a demo staff member in; returns the Bearer header value. */
export async function staffSignIn(api: Api, who: Pick<DemoStaff, 'username' | 'password'>): Promise<string> {
  const res = await api.http.post('/api/v1/staff/sessions').send({ username: who.username, password: who.password });
  if (res.status !== 201) throw new Error(`staff sign-in failed: ${res.status} ${res.text}`);
  return `Bearer ${(res.body as { token: string }).token}`;
}

/** A customer contact on `channel` escalated with `reason` (through the domain, as voice and chat do). */
export async function queueEscalation(api: Api, opts: { actor: Actor; reason: string; skill?: Escalation['skill']; channel?: 'voice' | 'chat' }): Promise<Escalation> {
  const { care } = api.runtime;
  const channel = opts.channel ?? 'chat';
  const i = await care.interactions.start(opts.actor, { channel, channelRef: `ref-${Math.random().toString(36).slice(2)}` });
  if (opts.actor.customerId && opts.actor.verification !== 'none') await care.interactions.attach(i.id, opts.actor);
  await care.interactions.transcript(i.id, [{ from: 'customer', text: opts.reason }]);
  return care.escalations.escalate(opts.actor, i.id, { reason: opts.reason, ...(opts.skill ? { skill: opts.skill } : {}) });
}
