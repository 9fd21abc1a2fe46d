/** The CSR console through supertest: a cookie-keeping agent, the CSRF token from a page, a refused contact to accept. */
import request from 'supertest';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import type { Actor } from '../../../src/domain/shared/actor';
import { refusalStepDetail } from '../../../src/domain/shared/refusal';
import type { Api } from '../api/api-harness';

export type Agent = ReturnType<typeof request.agent>;

export const csrfOf = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF field in the page: ${html.slice(0, 300)}`);
  return m[1];
};

/** A new browser-like agent signed in through the form; returns it and the session cookie's value. */
export async function consoleSignIn(api: Api, who: { username: string; password: string }): Promise<{ agent: Agent; cookie: string; csrf: string }> {
  const agent = request.agent(api.runtime.app);
  const form = await agent.get('/console/sign-in');
  const res = await agent.post('/console/sign-in').type('form').send({ _csrf: csrfOf(form.text), username: who.username, password: who.password });
  if (res.status !== 303) throw new Error(`console sign-in failed: ${res.status} ${res.text.slice(0, 300)}`);
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('telecare_console='));
  if (!set) throw new Error('no session cookie');
  const queue = await agent.get('/console/queue');
  return { agent, cookie: set, csrf: csrfOf(queue.text) };
}

/** A verified customer's chat that self-service refused, escalated with `reason`. */
export async function refusedChat(api: Api, actor: Actor, reason: string): Promise<Escalation> {
  const { care } = api.runtime;
  const i = await care.interactions.start(actor, { channel: 'chat', channelRef: `conv-${Math.random().toString(36).slice(2)}` });
  await care.interactions.attach(i.id, actor);
  await care.procedures.start(actor, i.id, 'bill-adjustment');
  await care.interactions.transcript(i.id, [{ from: 'customer', text: 'the roaming charge on my bill is wrong' }]);
  await care.interactions.note(i.id, { name: 'refused', detail: refusalStepDetail('LIMIT_EXCEEDED', { reasonCode: 'over-self-service-limit', reason: 'the credit asked for is above what self-service may give', nextSteps: ['agent'], facts: {} }) });
  return care.escalations.escalate(actor, i.id, { reason, skill: 'billing' });
}
