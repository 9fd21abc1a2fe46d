/**
 * SpeechPlan -> TwiML with the twilio package's VoiceResponse. Building a VoiceResponse costs
 * tens of microseconds, so each distinct plan is rendered once and cached as text with a hole
 * for the step sequence number, which is the only per-request part (the Gather action URL).
 */
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { PromptsFile, FlowLocale } from '../flows/flow-schema';
import type { SpeechPlan } from './speech-plan';

const SEQ_HOLE = '__SEQ_9f3a__';
const MAX_CACHED = 5000;

export interface TwimlRenderer {
  /** TwiML for the plan; the Gather/Redirect action carries `seq`. */
  render(p: SpeechPlan, seq: number): string;
  /** Number of plans currently cached (diagnostics, tests). */
  size(): number;
}

export interface RendererOptions {
  /** Absolute URL of the step webhook, e.g. https://host/voice/step */
  stepUrl: string;
  locales: Readonly<Partial<Record<FlowLocale, Pick<PromptsFile, 'voice' | 'language'>>>>;
}

function build(p: SpeechPlan, opts: RendererOptions): string {
  const response = new twilio.twiml.VoiceResponse();
  const sayAttrs = (locale: FlowLocale) => {
    const l = opts.locales[locale];
    return { voice: l?.voice, language: l?.language } as VoiceResponse.SayAttributes;
  };
  const action = `${opts.stepUrl}?s=${SEQ_HOLE}`;
  if (p.gather) {
    const g = p.gather;
    const gather = response.gather({
      action,
      method: 'POST',
      input: g.input.split(' ') as NonNullable<VoiceResponse.GatherAttributes['input']>,
      timeout: g.timeout,
      actionOnEmptyResult: true,
      ...(g.input !== 'dtmf' ? { speechTimeout: String(g.speechTimeout ?? 'auto'), language: opts.locales[p.locale]?.language as VoiceResponse.GatherAttributes['language'] } : {}),
      ...(g.numDigits ? { numDigits: g.numDigits } : {}),
      ...(g.finishOnKey ? { finishOnKey: g.finishOnKey } : {}),
      ...(g.hints?.length ? { hints: g.hints.join(', ') } : {}),
    });
    for (const u of p.say) gather.say(sayAttrs(u.locale ?? p.locale), u.text);
    response.redirect({ method: 'POST' }, action);
  } else {
    for (const u of p.say) response.say(sayAttrs(u.locale ?? p.locale), u.text);
  }
  const end = p.end;
  if (end?.kind === 'hangup') response.hangup();
  else if (end?.kind === 'enqueue') response.enqueue({ waitUrl: end.waitUrl, method: 'POST' }, end.queue);
  else if (end?.kind === 'enqueue-workflow') {
    response.enqueue({ workflowSid: end.workflowSid, waitUrl: end.waitUrl }).task({}, JSON.stringify(end.task));
  } else if (end?.kind === 'play-loop') {
    if (end.url) response.play({ loop: 0 }, end.url);
    else response.pause({ length: 30 });
  }
  return response.toString();
}

export function createTwimlRenderer(opts: RendererOptions): TwimlRenderer {
  const cache = new Map<string, string[]>();
  return {
    render(p, seq) {
      const key = JSON.stringify(p);
      let parts = cache.get(key);
      if (!parts) {
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
        parts = build(p, opts).split(SEQ_HOLE);
        cache.set(key, parts);
      }
      return parts.length === 1 ? parts[0] : parts.join(String(seq));
    },
    size: () => cache.size,
  };
}
