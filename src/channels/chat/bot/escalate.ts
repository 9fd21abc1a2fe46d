/**
 * Hands the conversation to a CSR queue with the transcript and tells the customer their position.
 * The domain picks the skill from the interaction (its procedure or intent, verification trouble).
 */
import type { TurnContext } from 'botbuilder';
import type { ProcedureName } from '../../../domain/procedures/procedure';
import { getSession, say, type BotDeps } from './session';

export async function escalate(deps: BotDeps, ctx: TurnContext, reason: string, procedure?: ProcedureName): Promise<void> {
  const s = await getSession(deps, ctx);
  if (!s.interactionId) return say(deps, ctx, 'handoff.failed');
  try {
    await deps.transcripts.flush(s.interactionId);
    const esc = await deps.care.escalations.escalate(s.actor, s.interactionId, { reason: procedure ? `${reason} (${procedure})` : reason });
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
