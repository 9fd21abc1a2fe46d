/**
 * What a partner may read, across the customers it acts for: orders, tickets, customers, their
 * installed services and bills, a page at a time with the total. A record of a customer not
 * the partner's is NOT_FOUND, exactly like one that does not exist.
 */
import type { Stores } from '../ports/store';
import type { Customer, ServiceInstance } from '../customers/customer';
import type { Order } from '../orders/order';
import type { RepairTicket } from '../repair/ticket';
import type { Bill } from '../billing/billing';
import { fail } from '../shared/errors';
import type { Partner } from './partner';
import type { PartnersApi } from './partners-api';

export interface Page {
  offset: number;
  limit: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface InstalledService {
  customer: Customer;
  service: ServiceInstance;
}

export interface PartnerQueries {
  orders(partner: Partner, page: Page, filter?: { status?: string }): Promise<Paged<Order>>;
  order(partner: Partner, orderId: string): Promise<Order>;
  tickets(partner: Partner, page: Page, filter?: { status?: string }): Promise<Paged<RepairTicket>>;
  ticket(partner: Partner, ticketId: string): Promise<RepairTicket>;
  customers(partner: Partner, page: Page): Promise<Paged<Customer>>;
  customer(partner: Partner, customerId: string): Promise<Customer>;
  /** Installed services (TMF637 products), ordered by customer then service. */
  services(partner: Partner, page: Page): Promise<Paged<InstalledService>>;
  service(partner: Partner, serviceId: string): Promise<InstalledService>;
  bills(partner: Partner, page: Page): Promise<Paged<Bill>>;
  bill(partner: Partner, billId: string): Promise<Bill>;
}

type Deps = { stores: Pick<Stores, 'orders' | 'tickets' | 'customers' | 'bills'>; partners: Pick<PartnersApi, 'customerIds'> };

export function createPartnerQueries(deps: Deps): PartnerQueries {
  const { stores } = deps;
  const mine = async (partner: Partner) => ({ customerId: { $in: await deps.partners.customerIds(partner) } });
  const owned = async <T extends { customerId: string }>(partner: Partner, record: T | null, what: string, id: string): Promise<T> => {
    if (!record || !(await deps.partners.customerIds(partner)).includes(record.customerId)) fail('NOT_FOUND', `no such ${what}`, { id });
    return record;
  };
  return {
    async orders(partner, page, filter = {}) {
      const where = { ...(await mine(partner)), ...(filter.status ? { status: filter.status } : {}) };
      const [items, total] = await Promise.all([stores.orders.find(where, { sort: { createdAt: -1 }, skip: page.offset, limit: page.limit }), stores.orders.count(where)]);
      return { items, total };
    },
    order: async (partner, id) => owned(partner, await stores.orders.get(id), 'order', id),
    async tickets(partner, page, filter = {}) {
      const where = { ...(await mine(partner)), ...(filter.status ? { status: filter.status } : {}) };
      const [items, total] = await Promise.all([stores.tickets.find(where, { sort: { createdAt: -1 }, skip: page.offset, limit: page.limit }), stores.tickets.count(where)]);
      return { items, total };
    },
    ticket: async (partner, id) => owned(partner, await stores.tickets.get(id), 'ticket', id),
    async customers(partner, page) {
      const where = { accountNumber: { $in: partner.accountNumbers } };
      const [items, total] = await Promise.all([stores.customers.find(where, { sort: { accountNumber: 1 }, skip: page.offset, limit: page.limit }), stores.customers.count(where)]);
      return { items, total };
    },
    async customer(partner, id) {
      const customer = await stores.customers.get(id);
      if (!customer || !partner.accountNumbers.includes(customer.accountNumber)) fail('NOT_FOUND', 'no such customer', { id });
      return customer;
    },
    async services(partner, page) {
      const customers = await stores.customers.find({ accountNumber: { $in: partner.accountNumbers } }, { sort: { accountNumber: 1 } });
      const all = customers.flatMap((customer) => customer.services.map((service) => ({ customer, service })));
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
    async service(partner, serviceId) {
      const customer = await stores.customers.findOne({ 'services.id': serviceId });
      const service = customer?.services.find((s) => s.id === serviceId);
      if (!customer || !service || !partner.accountNumbers.includes(customer.accountNumber)) fail('NOT_FOUND', 'no such product', { id: serviceId });
      return { customer, service };
    },
    async bills(partner, page) {
      const where = await mine(partner);
      const [items, total] = await Promise.all([stores.bills.find(where, { sort: { issuedAt: -1 }, skip: page.offset, limit: page.limit }), stores.bills.count(where)]);
      return { items, total };
    },
    bill: async (partner, id) => owned(partner, await stores.bills.get(id), 'bill', id),
  };
}
