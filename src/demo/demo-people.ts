/**
 * The five documented demo customers of the fictional operator Brightwave Telecom
 * (docs/demo-customers.md). Names, numbers (+1 217 555-01xx, the range reserved for fiction) and addresses are invented;
 * emails use example.com. These credentials are public on purpose: demo data only.
 */
export interface DemoPerson {
  key: 'bundle' | 'suspended' | 'outage' | 'reset' | 'technician';
  accountNumber: string;
  pin: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  /** E.164 number the person calls from. */
  phone: string;
  postalCode: string;
  /** What makes this customer interesting to try. */
  story: string;
  /** What to try with them, per channel. */
  tryThis: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'bundle',
    accountNumber: '31000101',
    pin: '4821',
    firstName: 'Dana',
    lastName: 'Whitfield',
    email: 'dana.whitfield@example.com',
    password: 'Whitfield-demo-2026',
    phone: '+12175550142',
    postalCode: '62701',
    story: 'Triple Play (Fiber 500, TV Plus, Home Phone with international calling). Her latest bill has an international-calls usage charge she disputes, and she left a bill adjustment half-done in chat yesterday.',
    tryThis: 'Adjust the international-calls charge (usage-dispute, under $25 is approved at once); resume the unfinished adjustment on another channel; upgrade Fiber 500 to Fiber 1000.',
  },
  {
    key: 'suspended',
    accountNumber: '31000102',
    pin: '7305',
    firstName: 'Marcus',
    lastName: 'Oyelaran',
    email: 'marcus.oyelaran@example.com',
    password: 'Oyelaran-demo-2026',
    phone: '+12175550143',
    postalCode: '62702',
    story: 'Account suspended for non-payment: his two older bills are overdue (the oldest by more than 30 days) and late fees were added. DSL 25 and Mobile 20 GB are both suspended.',
    tryThis: 'Hear the overdue balance; ask for a payment extension (refused: more than 30 days past due); waive the late fee (late-fee-waiver); report "no internet" and be told it is the suspension, not a fault.',
  },
  {
    key: 'outage',
    accountNumber: '31000103',
    pin: '2468',
    firstName: 'Priya',
    lastName: 'Raman',
    email: 'priya.raman@example.com',
    password: 'Raman-demo-2026',
    phone: '+12175550144',
    postalCode: '62704',
    story: 'Fiber 1000 and TV Basic at an address inside a current fiber outage (Riverton West). Under a 24-month contract.',
    tryThis: 'Report "no internet": the outage and its restoration time are announced, no ticket; ask to cancel for "switching-provider" and hear a retention offer.',
  },
  {
    key: 'reset',
    accountNumber: '31000104',
    pin: '1357',
    firstName: 'Tom',
    lastName: 'Kowalski',
    email: 'tom.kowalski@example.com',
    password: 'Kowalski-demo-2026',
    phone: '+12175550145',
    postalCode: '62703',
    story: 'Still on Classic DSL 10 (no longer sold) with a home phone. His DSL modem has lost sync; a remote reset fixes it.',
    tryThis: 'Report "no internet": line test shows no-sync, the remote reset runs and the re-test passes ("You should be able to use your service now"). Then see the upgrade offers from the legacy plan.',
  },
  {
    key: 'technician',
    accountNumber: '31000105',
    pin: '9012',
    firstName: 'Grace',
    lastName: 'Liu',
    email: 'grace.liu@example.com',
    password: 'Liu-demo-2026',
    phone: '+12175550146',
    postalCode: '62705',
    story: 'Home phone whose line test fails (a cut drop wire), plus Fiber 500, Mobile Unlimited and Home Security.',
    tryThis: 'Report "no dial tone": the line test fails, a repair ticket opens and technician slots in the next 7 days are offered; book one.',
  },
];

export const demoPerson = (key: DemoPerson['key']): DemoPerson => {
  const person = DEMO_PEOPLE.find((p) => p.key === key);
  if (!person) throw new Error(`no demo person "${key}"`);
  return person;
};
