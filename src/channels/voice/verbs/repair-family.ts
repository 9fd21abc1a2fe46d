/**
 * A spoken repair request that names a product family ("my TV isn't working"), at the main menu
 * or at the service question. The domain says which of the caller's services are of that family:
 * none, and the caller hears so plainly, then the list of the services they have; one, and it is
 * chosen for them; several, and only those are listed. Key presses never get here.
 */
import type { Step } from '../../../domain/procedures/procedure';
import { isDomainError } from '../../../domain/shared/errors';
import { refusalOf, refusalStepDetail } from '../../../domain/shared/refusal';
import type { ServiceInstance } from '../../../domain/customers/customer';
import { normalize } from '../interpreter/matching';
import type { Turn } from '../interpreter/turn';
import type { Utterance } from '../twiml/speech-plan';

/** The one family the words name, or null when none or several do ("phone" inside "cell phone" does not count). */
export function familySpoken(t: Turn, speech: string): string | null {
  const said = ` ${normalize(speech)} `;
  if (!said.trim()) return null;
  const hits: { family: string; word: string }[] = [];
  for (const [family, words] of Object.entries(t.rt.flows.locales[t.state.locale].words.families ?? {})) {
    for (const w of words ?? []) {
      const word = normalize(w);
      if (word && said.includes(` ${word} `)) hits.push({ family, word });
    }
  }
  const kept = hits.filter((h) => !hits.some((o) => o.family !== h.family && o.word.length > h.word.length && ` ${o.word} `.includes(` ${h.word} `)));
  const families = new Set(kept.map((h) => h.family));
  return families.size === 1 ? [...families][0]! : null;
}

export type FamilyAnswer = { kind: 'services'; services: ServiceInstance[] } | { kind: 'absent'; said: Utterance } | { kind: 'unknown' };

/** The caller's services of that family, or the plain "you have no such service" with the ones they have. */
export async function servicesNamed(t: Turn, family: string): Promise<FamilyAnswer> {
  try {
    return { kind: 'services', services: await t.rt.care.repair.servicesOfFamily(t.state.actor, family) };
  } catch (e) {
    const refusal = refusalOf(e);
    if (!refusal || !isDomainError(e)) {
      t.rt.logger.warn({ callSid: t.state.callSid, code: isDomainError(e) ? e.code : undefined }, 'voice: services of the named family not read');
      return { kind: 'unknown' };
    }
    // On the record, as a refusal met while answering is (what a CSR then sees).
    if (t.state.interactionId) {
      await t.rt.care.interactions.note(t.state.interactionId, { name: 'refused', detail: refusalStepDetail(e.code, refusal) }).catch(() => undefined);
    }
    const named = t.hasPrompt(`family.${family}`) ? t.say(`family.${family}`).text : family;
    return { kind: 'absent', said: t.say(`refusal.${refusal.reasonCode}`, { ...refusal.facts, family: named }, 'refusal.default') };
  }
}

/** A service question asked with only some of its options (the domain still checks the answer). */
export function narrowedTo(step: Step, ids: string[]): Step {
  if (step.kind !== 'choose' || step.field !== 'service') return step;
  const options = step.options.filter((o) => ids.includes(o.id));
  return options.length > 0 ? { ...step, options } : step;
}

/** Starts the repair for the family the caller named at the menu: its step, and what to say first. */
export async function startRepairNamed(t: Turn, interactionId: string, family: string): Promise<{ step: Step; lead: Utterance[] }> {
  const { care } = t.rt;
  const found = await servicesNamed(t, family);
  if (found.kind === 'services' && found.services.length === 1) {
    return { step: await care.procedures.start(t.state.actor, interactionId, 'repair', { service: found.services[0]!.id }), lead: [] };
  }
  const step = await care.procedures.start(t.state.actor, interactionId, 'repair');
  if (found.kind === 'services') return { step: narrowedTo(step, found.services.map((s) => s.id)), lead: [] };
  return { step, lead: found.kind === 'absent' ? [found.said] : [] };
}
