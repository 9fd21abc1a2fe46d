/** Twilio's webhook parameters, validated at the edge. Garbled keypad input becomes a no-match. */
import { z } from 'zod';
import type { CallerInput } from './interpreter/matching';
import type { FormParams } from './twilio-signature';

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const callParams = z.object({
  CallSid: z.preprocess(one, z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'CallSid must look like CA + 32 hex digits')),
  From: z.preprocess(one, z.string().max(64).optional()),
  To: z.preprocess(one, z.string().max(64).optional()),
  Digits: z.preprocess(one, z.string().max(128).optional()),
  SpeechResult: z.preprocess(one, z.string().max(2000).optional()),
  CallStatus: z.preprocess(one, z.string().max(32).optional()),
  DialCallStatus: z.preprocess(one, z.string().max(32).optional()),
  CallDuration: z.preprocess(one, z.coerce.number().int().min(0).max(7 * 24 * 3600).optional().catch(undefined)),
});

export type CallParams = z.infer<typeof callParams>;

export function parseCallParams(form: FormParams): { ok: true; params: CallParams } | { ok: false; reason: string } {
  const r = callParams.safeParse(form);
  if (r.success) return { ok: true, params: r.data };
  return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export function callerInput(p: CallParams): CallerInput {
  const raw = p.Digits ?? '';
  // Not keypad characters: keep it non-empty so it counts as "didn't get that", not silence.
  const digits = /^[0-9*#]*$/.test(raw) ? raw.replace(/#$/, '') : '?';
  return { digits, speech: (p.SpeechResult ?? '').slice(0, 500) };
}
