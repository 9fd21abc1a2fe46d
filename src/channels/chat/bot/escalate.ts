/** Hands the conversation to a CSR queue with the transcript and tells the customer their position. */
import type { TurnContext } from 'botbuilder';
import type { Skill } from '../../../domain/escalation/escalation';
import type { ProcedureName } from '../../../domain/procedures/procedure';
import { getSession, say, type BotDeps } from './session';

const SKILL: Record<ProcedureName, Skill> = {
  'bill-inquiry': 'billing',
  'bill-adjustment': 'billing',
  'payment-extension': 'billing',
  'new-service': 'sales',
  'modify-service': 'sales',
  'discontinue-service': 'retention',
  repair: 'repair',
};

export async function escalate(deps: BotDeps, ctx: TurnContext, reason: string, procedure?: ProcedureName): Promise<void> {
  const s = await getSession(deps, ctx);
  if (!s.interactionId) return say(deps, ctx, 'handoff.failed');
  try {
    await deps.transcripts.flush(s.interactionId);
    const skill: Skill = procedure ? SKILL[procedure] : s.actor.verification === 'none' ? 'verification' : 'general';
    const esc = await deps.care.escalations.escalate(s.actor, s.interactionId, { reason, skill });
    const position = await deps.care.escalations.position(esc.id);
    s.mode = 'waiting';
    s.escalationId = esc.id;
    s.expectingSecret = false;
    await say(deps, ctx, 'handoff.queued', { position });
  } catch (err) {
    deps.logger.error({ err, interactionId: s.interactionId }, 'chat escalation failed');
    await say(deps, ctx, 'handoff.failed');
  }
}
