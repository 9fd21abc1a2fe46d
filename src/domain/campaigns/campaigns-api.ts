/**
 * Campaigns for supervisors: create one (its targets selected by its rule at once, the suppressed
 * kept with their reason), pause, resume, the report; the suppression list. Every action is
 * audited; a CSR is refused (NOT_PERMITTED).
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { Stores } from '../ports/store';
import type { Clock, IdGenerator } from '../shared/ports';
import type { AuditLog } from '../staff/audit';
import type { StaffView } from '../staff/staff';
import type { Campaign, CampaignTarget, Suppression } from './campaign';
import type { DialScheduler, TargetRules } from './ports';
import { campaignInputSchema } from './campaign';
import { fail } from '../shared/errors';
import { findProduct } from '../catalog/pricing';
import { updateWithRetry } from '../shared/update-with-retry';
import { isValidTimeZone } from './calling-window';
import { targetFacts } from './target-facts';
import { offeredProduct, suppressionOf } from './suppression';
import { campaignReport, type CampaignReport } from './campaign-report';

export interface CampaignsDeps {
  stores: Pick<Stores, 'campaigns' | 'campaignTargets' | 'suppressions' | 'customers' | 'bills' | 'interactions'>;
  clock: Clock;
  ids: IdGenerator;
  catalog: () => Catalog;
  rules: TargetRules;
  scheduler: Pick<DialScheduler, 'schedule'>;
  audit: AuditLog;
}

export interface CampaignView extends Campaign {
  /** The offered product's name in the catalog. */
  offerName: string;
  report: CampaignReport;
}

export interface Campaigns {
  create(staff: StaffView, input: unknown): Promise<CampaignView>;
  list(staff: StaffView): Promise<Campaign[]>;
  get(staff: StaffView, id: string): Promise<CampaignView>;
  pause(staff: StaffView, id: string): Promise<CampaignView>;
  resume(staff: StaffView, id: string): Promise<CampaignView>;
  targets(staff: StaffView, id: string): Promise<CampaignTarget[]>;
  suppress(staff: StaffView, input: { phone?: string; customerId?: string; reason: string }): Promise<Suppression>;
  suppressions(staff: StaffView): Promise<Suppression[]>;
  unsuppress(staff: StaffView, id: string): Promise<void>;
}

function supervisorOnly(staff: StaffView): void {
  if (staff.role !== 'supervisor') fail('NOT_PERMITTED', 'campaigns are run by a supervisor', { role: staff.role });
}

const who = (staff: StaffView) => ({ staffId: staff.id, username: staff.username });

export function createCampaigns(deps: CampaignsDeps): Campaigns {
  const { stores, audit } = deps;
  const now = () => deps.clock.now();

  const load = async (id: string): Promise<Campaign> => (await stores.campaigns.get(id)) ?? fail('NOT_FOUND', 'no such campaign', { id });
  const view = async (c: Campaign): Promise<CampaignView> => {
    const productId = offeredProduct(c.offer);
    return { ...c, offerName: findProduct(deps.catalog(), productId)?.name ?? productId, report: campaignReport(await stores.campaignTargets.find({ campaignId: c.id })) };
  };

  function validate(input: unknown) {
    const parsed = campaignInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('VALIDATION_FAILED', `${issue.path.join('.') || 'campaign'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const def = parsed.data;
    const problems = deps.rules.problems(def.targetRule.conditions);
    if (problems.length) fail('VALIDATION_FAILED', `targetRule: ${problems[0]}`, { field: 'targetRule.conditions', problems });
    const productId = def.offer.kind === 'new-service' ? def.offer.productId : def.offer.toProductId;
    const product = findProduct(deps.catalog(), productId);
    if (!product || !product.sellable) fail('VALIDATION_FAILED', `offer: "${productId}" is not a sellable catalog product`, { field: 'offer' });
    if (!isValidTimeZone(def.window.defaultTimeZone)) fail('VALIDATION_FAILED', `window.defaultTimeZone: "${def.window.defaultTimeZone}" is not a time zone`, { field: 'window.defaultTimeZone' });
    return def;
  }

  /** Every customer the rule selects becomes a target: queued, or suppressed with the reason. */
  async function selectTargets(campaign: Campaign): Promise<void> {
    const at = now();
    for (const customer of await stores.customers.find({})) {
      const [bills, interactions] = await Promise.all([stores.bills.find({ customerId: customer.id }), stores.interactions.find({ customerId: customer.id })]);
      const facts = targetFacts({ catalog: deps.catalog(), customer, bills, interactions, now: at });
      if (!(await deps.rules.matches(campaign.targetRule.conditions, facts))) continue;
      const phone = customer.phones[0];
      const suppressed = await suppressionOf(stores, customer, phone, campaign);
      const timeZone = customer.timeZone && isValidTimeZone(customer.timeZone) ? customer.timeZone : campaign.window.defaultTimeZone;
      await stores.campaignTargets.insert({
        id: deps.ids.next('tgt'),
        campaignId: campaign.id,
        customerId: customer.id,
        phone: phone ?? '',
        locale: customer.locale,
        timeZone,
        status: suppressed ? 'suppressed' : 'queued',
        ...(suppressed ? { suppressedReason: suppressed } : { nextAttemptAt: campaign.startAt }),
        attempts: [],
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      });
    }
  }

  async function setStatus(staff: StaffView, id: string, action: 'pause' | 'resume'): Promise<CampaignView> {
    supervisorOnly(staff);
    return audit.audited({ ...who(staff), action: `campaign.${action}`, detail: { campaignId: id } }, async () => {
      const at = now().toISOString();
      const updated = await updateWithRetry(stores.campaigns, id, (c): Campaign | null => {
        if (c.status === 'ended') fail('CONFLICT', 'the campaign has ended', { status: c.status });
        const status: Campaign['status'] = action === 'pause' ? 'paused' : 'active';
        if (c.status === status) return null;
        return { ...c, status, updatedAt: at, history: [...c.history, { action: action === 'pause' ? 'paused' : 'resumed', at, by: staff.id }] };
      });
      if (updated.status === 'active') await deps.scheduler.schedule(updated.id, 0);
      return view(updated);
    });
  }

  return {
    async create(staff, input) {
      supervisorOnly(staff);
      return audit.audited({ ...who(staff), action: 'campaign.create' }, async () => {
        const def = validate(input);
        const at = now().toISOString();
        const campaign = await stores.campaigns.insert({
          ...def,
          id: deps.ids.next('cmp'),
          status: 'active',
          createdBy: staff.id,
          createdAt: at,
          updatedAt: at,
          history: [{ action: 'created', at, by: staff.id }],
        });
        await selectTargets(campaign);
        await deps.scheduler.schedule(campaign.id, Math.max(0, new Date(campaign.startAt).getTime() - now().getTime()));
        return view(campaign);
      }, (c) => ({ detail: { campaignId: c.id, targets: c.report.targets, suppressed: c.report.suppressed } }));
    },
    async list(staff) {
      supervisorOnly(staff);
      return stores.campaigns.find({}, { sort: { createdAt: -1 }, limit: 200 });
    },
    async get(staff, id) {
      supervisorOnly(staff);
      return audit.audited({ ...who(staff), action: 'campaign.view', detail: { campaignId: id } }, async () => view(await load(id)));
    },
    pause: (staff, id) => setStatus(staff, id, 'pause'),
    resume: (staff, id) => setStatus(staff, id, 'resume'),
    async targets(staff, id) {
      supervisorOnly(staff);
      await load(id);
      return stores.campaignTargets.find({ campaignId: id }, { sort: { createdAt: 1 }, limit: 5000 });
    },
    async suppress(staff, input) {
      supervisorOnly(staff);
      return audit.audited({ ...who(staff), action: 'suppression.add', ...(input.customerId ? { customerId: input.customerId } : {}) }, async () => {
        if (!input.phone && !input.customerId) fail('VALIDATION_FAILED', 'a phone number or a customer id is needed', { field: 'phone' });
        if (input.customerId && !(await stores.customers.get(input.customerId))) fail('NOT_FOUND', 'no such customer', { field: 'customerId' });
        return stores.suppressions.insert({
          id: deps.ids.next('sup'),
          ...(input.phone ? { phone: input.phone } : {}),
          ...(input.customerId ? { customerId: input.customerId } : {}),
          reason: input.reason,
          addedBy: staff.id,
          at: now().toISOString(),
        });
      });
    },
    async suppressions(staff) {
      supervisorOnly(staff);
      return stores.suppressions.find({}, { sort: { at: -1 }, limit: 1000 });
    },
    async unsuppress(staff, id) {
      supervisorOnly(staff);
      await audit.audited({ ...who(staff), action: 'suppression.remove', detail: { suppressionId: id } }, async () => {
        if (!(await stores.suppressions.delete(id))) fail('NOT_FOUND', 'no such suppression', { id });
      });
    },
  };
}
