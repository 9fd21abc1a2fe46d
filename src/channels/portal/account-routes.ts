/**
 * What a signed-in customer looks at: home (services with status, balance and due date, open
 * orders and tickets, the unfinished draft from any channel), the bills with a chart of the last
 * ones, and one bill with each charge. Reads only: the same use cases as the API's GETs.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Care } from '../../domain/care';
import type { Clock } from '../../domain/shared/ports';
import type { Bill } from '../../domain/billing/billing';
import type { PortalPages } from './portal-pages';
import { customerOf, type PortalCustomer } from './portal-session';
import { run, signedIn } from './route-kit';
import { CHART_SCRIPT } from './vendor-assets';
import { formatDateTimeRange } from '../../shared/format/locale-format';

export interface AccountDeps {
  care: Care;
  pages: PortalPages;
  clock: Clock;
}

/** The procedures home links to (their forms are mounted at /procedures/<name>). */
export const HOME_PROCEDURES = ['new-service', 'modify-service', 'discontinue-service', 'bill-adjustment', 'payment-extension', 'repair'] as const;
const CHART_BILLS = 6;
const billId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

const me = (req: Request): PortalCustomer => customerOf(req) as PortalCustomer;
/** A North American number as people write it (+1 217 555 0142); any other stays as stored. */
const phoneNumber = (e164: string): string => e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');

export function addAccountRoutes(router: Router, deps: AccountDeps): void {
  const { care, pages } = deps;

  router.get('/', signedIn, run(async (req, res) => {
    const w = pages.words(req);
    const { actor } = me(req);
    const [profile, services, summary, orders, tickets, draft] = await Promise.all([
      care.customers.profile(actor),
      care.customers.services(actor),
      care.billing.summary(actor),
      care.orders.orders(actor),
      care.repair.tickets(actor),
      care.procedures.resumable(actor),
    ]);
    const serviceName = new Map(services.map((s) => [s.id, s.product.name]));
    pages.render(req, res, 'home', {
      title: w.t('home.title'),
      current: 'home',
      profile: { name: profile.firstName, accountNumber: profile.accountNumber },
      services: services.filter((s) => s.status !== 'disconnected').map((s) => ({ id: s.id, name: s.product.name, status: s.status, number: s.number ? phoneNumber(s.number) : undefined })),
      summary: { balance: w.money(summary.balance), due: summary.dueDate ? w.day(summary.dueDate) : null, overdue: summary.overdue, owes: summary.balance.amountMinor > 0 },
      // Which service each order is about (a new one is named once it is on the account), and the day a cancelled service ends.
      orders: orders.filter((o) => o.status === 'acknowledged' || o.status === 'inProgress').map((o) => ({ id: o.id, type: o.type, status: o.status, when: w.moment(o.createdAt), service: serviceName.get(o.items[0]?.serviceId ?? '') ?? null, ends: o.type === 'disconnect' && o.requestedDate ? w.day(o.requestedDate) : null })),
      // A technician's visit is a window (start to end) in the operator's time zone, as the repair result page shows it.
      tickets: tickets.filter((t) => t.status === 'open' || t.status === 'scheduled').map((t) => ({ id: t.id, service: serviceName.get(t.serviceId) ?? t.serviceId, status: t.status, when: w.moment(t.createdAt), appointment: t.appointment ? formatDateTimeRange(t.appointment.start, t.appointment.end, w.locale, care.catalog.catalog().operator.timezone) : null })),
      draft: draft ? { procedure: w.t(`task.${draft.procedure}`), channel: draft.channel, when: w.moment(draft.updatedAt) } : null,
      procedures: HOME_PROCEDURES,
    });
  }));

  router.get('/bills', signedIn, run(async (req, res) => {
    const w = pages.words(req);
    const bills = await care.billing.bills(me(req).actor);
    const last = bills.slice(0, CHART_BILLS).reverse();
    const chart = last.length ? { labels: last.map((b) => w.period(b.period)), values: last.map((b) => b.total.amountMinor / 100), currency: last[0].total.currency, locale: w.tag, series: w.t('bills.series') } : null;
    pages.render(req, res, 'bills', {
      title: w.t('bills.title'),
      current: 'bills',
      bills: bills.map((b) => billRow(b, pages, req)),
      chart: chart ? JSON.stringify(chart) : null,
      chartCount: last.length,
      scripts: chart ? [CHART_SCRIPT, '/assets/portal-bills.js'] : [],
    });
  }));

  router.get('/bills/:id', signedIn, run(async (req: Request, res: Response) => {
    const w = pages.words(req);
    const id = billId.safeParse(req.params.id);
    if (!id.success) return void res.redirect(303, '/bills');
    const bill = await care.billing.bill(me(req).actor, id.data);
    pages.render(req, res, 'bill', {
      title: w.t('bill.title', { period: w.period(bill.period) }),
      current: 'bills',
      bill: billRow(bill, pages, req),
      dueMoved: bill.originalDueDate !== bill.dueDate ? w.day(bill.originalDueDate) : null,
      items: bill.items.map((i) => ({ description: i.description, type: w.t(`item.${i.type}`), amount: w.money(i.amount), adjusted: i.adjusted.amountMinor !== 0 ? w.money(i.adjusted) : null })),
      payments: bill.payments.map((p) => ({ amount: w.money(p.amount), when: w.moment(p.receivedAt) })),
    });
  }));
}

function billRow(b: Bill, pages: PortalPages, req: Request) {
  const w = pages.words(req);
  return { id: b.id, period: w.period(b.period), issued: w.day(b.issuedAt), due: w.day(b.dueDate), total: w.money(b.total), balance: w.money(b.balance), status: b.status, statusText: w.t(`status.${b.status}`), open: b.status !== 'paid' };
}
