/**
 * A repair message that named a product family ("my TV isn't working"): once the customer is
 * known, the domain says which of their services are of that family. None: the bot says so
 * plainly, with the services they do have, and the repair goes on with those to choose from.
 * One: the repair starts with it chosen. Several: only those are offered.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { isDomainError } from '../../../domain/shared/errors';
import { refusalOf, refusalStepDetail } from '../../../domain/shared/refusal';
import type { ProcedureOptions } from './procedure-dialog';
import type { BotDeps, ChatSession } from './session';

export async function startRepair(deps: BotDeps, dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
  const family = s.repairFamily;
  delete s.repairFamily;
  const plain: ProcedureOptions = { name: 'repair' };
  if (!family) return dc.beginDialog('procedure', plain);
  try {
    const services = await deps.care.repair.servicesOfFamily(s.actor, family);
    if (services.length === 1) return dc.beginDialog('procedure', { ...plain, preset: { service: services[0].id } } satisfies ProcedureOptions);
    return dc.beginDialog('procedure', { ...plain, only: { field: 'service', ids: services.map((x) => x.id) } } satisfies ProcedureOptions);
  } catch (err) {
    const refusal = refusalOf(err);
    if (!refusal || !isDomainError(err)) {
      deps.logger.warn({ err, interactionId: s.interactionId }, 'chat: services of the named family not read; repair asks for the service');
      return dc.beginDialog('procedure', plain);
    }
    // Said plainly, with the services the customer has; the family in the customer's words.
    const named = deps.wording.has(`family.${family}`, s.locale) ? deps.wording.msg(`family.${family}`, s.locale) : family;
    await dc.context.sendActivity(deps.wording.refusal({ ...refusal, facts: { ...refusal.facts, family: named } }, s.locale));
    if (s.interactionId) {
      await deps.care.interactions.note(s.interactionId, { name: 'refused', detail: refusalStepDetail(err.code, refusal) }).catch((e: unknown) => {
        deps.logger.warn({ err: e, interactionId: s.interactionId }, 'chat: refusal not noted');
      });
    }
    return dc.beginDialog('procedure', plain);
  }
}
