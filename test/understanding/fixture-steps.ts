/** Steps the utterance set answers, shaped as the domain builds them (labels as the demo data has them). */
import type { AskStep } from '../../src/domain/understanding/step-answer';

const choose = (procedure: AskStep['procedure'], field: string, options: { id: string; label: string }[]): AskStep => ({ kind: 'choose', procedure, field, prompt: `${procedure}.${field}`, options, optional: false, facts: {} });

/** Friday 27 November 2026, noon in Chicago: "tuesday" is 1 December. */
export const NOW = new Date('2026-11-27T18:00:00Z');
export const TIME_ZONE = 'America/Chicago';

const SPANISH_LABELS: Record<string, string> = {
  moving: 'Me mudo',
  price: 'Cuesta demasiado',
  'service-quality': 'El servicio no funciona suficientemente bien',
  'switching-provider': 'Me cambio a otro proveedor',
  'no-longer-needed': 'Ya no lo necesito',
  other: 'Otra cosa',
  'no-internet': 'Sin conexión a internet',
  'slow-internet': 'Internet lento',
  intermittent: 'El servicio se corta',
  'no-dial-tone': 'Sin tono de marcado',
  'upgrade-fiber-1000': 'Subir a Fiber 1000',
  'add-mesh-wifi': 'Agregar extensor Mesh Wi-Fi',
  'add-static-ip': 'Agregar dirección IP fija',
};

/** The steps as a Spanish-speaking customer sees them: catalog text in Spanish (brand and product names stay). */
export function stepsFor(locale: 'en' | 'es'): Record<string, AskStep> {
  if (locale === 'en') return STEPS;
  return Object.fromEntries(
    Object.entries(STEPS).map(([k, step]) => [k, step.kind === 'choose' ? { ...step, options: step.options.map((o) => ({ ...o, label: SPANISH_LABELS[o.id] ?? o.label })) } : step]),
  );
}

export const STEPS: Record<string, AskStep> = {
  service: choose('repair', 'service', [
    { id: 'svc-fiber', label: 'Fiber 500' },
    { id: 'svc-tv', label: 'Brightwave TV Plus' },
    { id: 'svc-phone', label: 'Brightwave Home Phone +16185550142' },
    { id: 'svc-mobile', label: 'Brightwave Mobile 20 GB +16185550177' },
  ]),
  bill: choose('bill-adjustment', 'bill', [
    { id: 'bill-2026-09', label: '2026-09' },
    { id: 'bill-2026-10', label: '2026-10' },
    { id: 'bill-2026-11', label: '2026-11' },
  ]),
  // Repair slots start at 8:00 or 13:00 in Chicago (UTC-6).
  slot: choose('repair', 'slot', [
    { id: 'slot-tue-am', label: '2026-12-01T14:00:00.000Z' },
    { id: 'slot-tue-pm', label: '2026-12-01T19:00:00.000Z' },
    { id: 'slot-wed-am', label: '2026-12-02T14:00:00.000Z' },
    { id: 'slot-thu-pm', label: '2026-12-03T19:00:00.000Z' },
  ]),
  date: choose('payment-extension', 'date', [
    { id: '2026-12-10', label: '2026-12-10' },
    { id: '2026-12-14', label: '2026-12-14' },
    { id: '2026-12-17', label: '2026-12-17' },
  ]),
  reason: choose('discontinue-service', 'reason', [
    { id: 'moving', label: 'I am moving' },
    { id: 'price', label: 'It costs too much' },
    { id: 'service-quality', label: 'The service does not work well enough' },
    { id: 'switching-provider', label: 'I am switching to another provider' },
    { id: 'no-longer-needed', label: 'I no longer need it' },
    { id: 'other', label: 'Something else' },
  ]),
  symptom: choose('repair', 'symptom', [
    { id: 'no-internet', label: 'No internet connection' },
    { id: 'slow-internet', label: 'Internet is slow' },
    { id: 'intermittent', label: 'Service keeps dropping' },
    { id: 'no-dial-tone', label: 'No dial tone' },
  ]),
  product: choose('new-service', 'product', [
    { id: 'fiber-300', label: 'Fiber 300' },
    { id: 'fiber-500', label: 'Fiber 500' },
    { id: 'fiber-1000', label: 'Fiber 1000' },
  ]),
  modification: choose('modify-service', 'modification', [
    { id: 'upgrade-fiber-1000', label: 'Upgrade to Fiber 1000' },
    { id: 'add-mesh-wifi', label: 'Add Mesh Wi-Fi Extender' },
    { id: 'add-static-ip', label: 'Add Static IP Address' },
  ]),
  confirm: { kind: 'confirm', procedure: 'payment-extension', field: 'confirm', prompt: 'payment-extension.confirm', facts: {} },
  amount: { kind: 'input', procedure: 'bill-adjustment', field: 'amount', prompt: 'bill-adjustment.amount', input: 'amount', optional: true, facts: {} },
  'input-date': { kind: 'input', procedure: 'payment-extension', field: 'date', prompt: 'payment-extension.date', input: 'date', optional: false, facts: {} },
};
