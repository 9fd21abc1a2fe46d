/**
 * The one-time code that proves a newcomer's phone before any account exists: kept (as a hash)
 * on the interaction, valid for the policy's minutes and a few tries, spent when it matches.
 * Same codes, throttle and notifier as sign-in (one-time-code.ts, verification-api.ts).
 */
import type { CareDeps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { fail } from '../../shared/errors';
import { updateWithRetry } from '../../shared/update-with-retry';
import { CODE_ATTEMPTS, CODE_PATTERN, newCode } from '../../customers/one-time-code';

type Deps = Pick<CareDeps, 'stores' | 'hasher' | 'clock' | 'policy' | 'throttle' | 'backends'>;

export function createSignUpCode(deps: Deps) {
  async function spendThrottle(actor: Actor): Promise<void> {
    if (!(await deps.throttle.consume(`verify:${actor.source ?? 'unknown'}`))) fail('THROTTLED', 'too many attempts from here; try again in a little while');
  }

  /** Sends a fresh code to the phone (replacing any earlier one). */
  async function send(actor: Actor, interactionId: string, phone: string): Promise<void> {
    await spendThrottle(actor);
    const code = newCode();
    const hash = await deps.hasher.hash(code);
    const expiresAt = new Date(deps.clock.now().getTime() + deps.policy.oneTimeCodeMinutes * 60_000).toISOString();
    await updateWithRetry(deps.stores.interactions, interactionId, (i) => ({ ...i, signUpCode: { phone, hash, expiresAt, attempts: 0 } }));
    await deps.backends.notifier.sendOneTimeCode({ phone }, code);
  }

  /** The code entered: spent when it matches; a wrong one counts; expired or used up sends a new one. */
  async function check(actor: Actor, interactionId: string, phone: string, entered: string): Promise<void> {
    await spendThrottle(actor);
    const pending = (await deps.stores.interactions.get(interactionId))?.signUpCode;
    if (!pending || pending.phone !== phone || pending.expiresAt <= deps.clock.now().toISOString()) {
      await send(actor, interactionId, phone);
      fail('CODE_EXPIRED', 'that code had expired; a new one was sent');
    }
    if (CODE_PATTERN.test(entered) && (await deps.hasher.verify(entered, pending.hash))) {
      await updateWithRetry(deps.stores.interactions, interactionId, ({ signUpCode: _spent, ...i }) => i);
      return;
    }
    const attempts = pending.attempts + 1;
    if (attempts >= CODE_ATTEMPTS) {
      await send(actor, interactionId, phone);
      fail('CODE_EXPIRED', 'too many wrong codes; a new one was sent');
    }
    await updateWithRetry(deps.stores.interactions, interactionId, (i) => (i.signUpCode ? { ...i, signUpCode: { ...i.signUpCode, attempts } } : null));
    fail('VERIFICATION_FAILED', 'that code did not match', { remainingAttempts: CODE_ATTEMPTS - attempts });
  }

  return { send, check };
}
