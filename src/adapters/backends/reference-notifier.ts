import type { Notifier } from '../../domain/ports/backends';

export interface ReferenceNotifier extends Notifier {
  /** Deliveries made (where and when, never the code). */
  readonly sent: ReadonlyArray<{ to: string; channel: 'sms' | 'email'; at: string; kind?: 'code' | 'notice'; text?: string }>;
  /** Test hook: the last code sent to this phone or email. Never logged, never exposed over HTTP. */
  lastCodeFor(to: string): string | undefined;
}

/** Reference SMS/email gateway: records deliveries in memory; codes are kept only for the test hook. */
export function createReferenceNotifier(clock: { now(): Date }): ReferenceNotifier {
  const sent: { to: string; channel: 'sms' | 'email'; at: string; kind?: 'code' | 'notice'; text?: string }[] = [];
  const codes = new Map<string, string>();
  return {
    async sendOneTimeCode(to, code) {
      const address = to.phone ?? to.email;
      if (!address) throw new Error('no phone or email to send the code to');
      const key = address.toLowerCase();
      codes.set(key, code);
      sent.push({ to: address, channel: to.phone ? 'sms' : 'email', at: clock.now().toISOString() });
    },
    async sendNotice(to, text) {
      const address = to.phone ?? to.email;
      if (!address) throw new Error('no phone or email to send the notice to');
      sent.push({ to: address, channel: to.phone ? 'sms' : 'email', at: clock.now().toISOString(), kind: 'notice', text });
    },
    sent,
    lastCodeFor: (to) => codes.get(to.toLowerCase()),
  };
}
