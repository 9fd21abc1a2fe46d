/**
 * PIN verification (keypad only; digits are never logged or stored). The domain counts
 * failures and locks the account; this step says how many tries are left or offers an agent.
 */
import { anonymous } from '../../../domain/shared/actor';
import { isDomainError } from '../../../domain/shared/errors';
import type { NodeOf } from '../flows/flow-schema';
import { keyName } from '../../../shared/format/speech/speak-facts';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

export const verifyPin: VerbHandler<NodeOf<'verify-pin'>> = {
  async enter(t, node, lead) {
    const identified = Boolean(t.state.actor.customerId);
    const say = [...lead, t.say(node.prompt ?? 'auth.pin')];
    if (identified && node.otherAccountKey && t.hasPrompt('auth.other-account')) say.push(t.say('auth.other-account', { key: keyName(node.otherAccountKey, t.state.locale) }));
    return plan(t.state.locale, say, { gather: t.gather({ input: 'dtmf', finishOnKey: '#' }) });
  },
  async input(t, node, input) {
    const { state } = t;
    if (node.otherAccountKey && input.digits === node.otherAccountKey) {
      state.actor = anonymous('voice', state.from);
      state.accountNumber = undefined;
      state.firstName = undefined;
      return t.enter(node.next.otherAccount ?? node.next.unknown);
    }
    if (!/^\d{4,12}$/.test(input.digits)) return t.noMatch(input);
    const who = state.actor.customerId ? { customerId: state.actor.customerId } : state.accountNumber ? { accountNumber: state.accountNumber } : { phone: state.from };
    try {
      const actor = await t.rt.care.verification.verifyPin({ ...who, pin: input.digits }, t.ctx);
      state.actor = actor;
      if (state.interactionId) await t.rt.care.interactions.attach(state.interactionId, actor);
      return t.enter(node.next.verified, [t.say('auth.verified', { firstName: state.firstName ?? '' })]);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const details = e.details as { remainingAttempts?: number };
      switch (e.code) {
        case 'VERIFICATION_FAILED': {
          const remaining = details.remainingAttempts === undefined ? null : String(details.remainingAttempts);
          if (state.accountNumber) {
            // A typed account number may be the mistake (the domain does not say which): ask for both again.
            state.accountTries += 1;
            state.accountNumber = undefined;
            return t.enter(node.next.unknown, [t.say('auth.account-or-pin-wrong', { remaining })]);
          }
          return t.enter(state.node, [t.say('auth.pin-wrong', { remaining })], 'again');
        }
        case 'ACCOUNT_LOCKED':
          return t.enter(node.next.locked, [t.say('auth.locked')]);
        case 'THROTTLED':
          // Too many attempts from this number (not this account): say so, then the same way to a person.
          return t.enter(node.next.locked, [t.say(t.hasPrompt('auth.throttled') ? 'auth.throttled' : 'auth.locked')]);
        case 'UNKNOWN_CUSTOMER':
        case 'NOT_FOUND':
          state.accountTries += 1;
          state.accountNumber = undefined;
          return t.enter(node.next.unknown, [t.say('auth.not-found')]);
        default:
          throw e;
      }
    }
  },
};
