/**
 * Hands the call to a CSR: the domain records the escalation with its context pack, then the
 * caller waits in the skill's queue (<Enqueue>), or a TaskRouter workflow when configured.
 * If recording fails the caller is still queued: a person can always help.
 */
import type { Skill } from '../../../domain/escalation/escalation';
import { SKILL_OF } from '../../../domain/escalation/context-pack';
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';
import { plan, type PlanEnd } from '../twiml/speech-plan';

export const escalate: VerbHandler<NodeOf<'escalate'>> = {
  async enter(t, node, lead) {
    const { state, rt } = t;
    const { settings } = rt.flows;
    // The domain's one procedure -> skill map; a flow may still override it per procedure (settings.skills) or per step.
    const skill: Skill = node.skill ?? (state.procedure ? (settings.skills?.[state.procedure] ?? SKILL_OF[state.procedure]) : undefined) ?? 'general';
    let position: string | null = null;
    let waitMinutes: string | null = null;
    if (state.interactionId && state.status !== 'escalated') {
      try {
        const reason = state.procedure ? `${node.reason} (${state.procedure})` : node.reason;
        const escalation = await rt.care.escalations.escalate(state.actor, state.interactionId, { reason, skill });
        state.escalationId = escalation.id;
        position = String(await rt.care.escalations.position(escalation.id));
        const waitSec = await rt.care.escalations.estimatedWaitSec(escalation.id);
        if (waitSec !== undefined) waitMinutes = String(Math.max(1, Math.ceil(waitSec / 60)));
      } catch (e) {
        rt.logger.error({ callSid: state.callSid, err: e instanceof Error ? e.message : String(e) }, 'voice: escalation not recorded; queueing the caller anyway');
      }
    }
    state.status = 'escalated';
    const waitUrl = `${rt.waitUrl}?l=${state.locale}`;
    const end: PlanEnd = rt.twilioWorkflowSid
      ? { kind: 'enqueue-workflow', workflowSid: rt.twilioWorkflowSid, waitUrl, task: { skill, interactionId: state.interactionId ?? '', escalationId: state.escalationId ?? '', callSid: state.callSid } }
      : { kind: 'enqueue', queue: settings.queues[skill] ?? skill, waitUrl };
    return plan(state.locale, [...lead, t.say(node.prompt, { position, waitMinutes })], { end });
  },
};
