/** Customers as TMF629 Customers, installed services as TMF637 Products, bills as TMF678 CustomerBills. */
import type { Customer, ServiceInstance } from '../../../domain/customers/customer';
import type { Bill } from '../../../domain/billing/billing';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import { customerParty, offeringRef, tmfMoney, type Hrefs } from './refs';

export function customerOf(customer: Customer, href: Hrefs): Record<string, unknown> {
  const name = `${customer.firstName} ${customer.lastName}`;
  return {
    '@type': 'Customer',
    id: customer.id,
    href: href('TMF629', 'customer', customer.id),
    name,
    status: customer.accountStatus,
    engagedParty: { '@type': 'PartyRef', id: customer.id, '@referredType': 'Individual', name },
    account: [{ '@type': 'AccountRef', id: customer.accountNumber, '@referredType': 'BillingAccount' }],
    contactMedium: [
      { '@type': 'EmailContactMedium', contactType: 'email', preferred: true, emailAddress: customer.email },
      ...customer.phones.map((phone, i) => ({ '@type': 'PhoneContactMedium', contactType: 'phone', preferred: i === 0, phoneNumber: phone })),
    ],
    validFor: { startDateTime: customer.createdAt },
  };
}

const PRODUCT_STATUS: Record<ServiceInstance['status'], string> = { pending: 'pendingActive', active: 'active', suspended: 'suspended', disconnected: 'terminated' };

export function inventoryProductOf(customer: Customer, service: ServiceInstance, href: Hrefs, catalog: Catalog): Record<string, unknown> {
  const product = catalog.products.find((p) => p.id === service.productId);
  return {
    '@type': 'Product',
    id: service.id,
    href: href('TMF637', 'product', service.id),
    name: product?.name ?? service.productId,
    status: PRODUCT_STATUS[service.status],
    isBundle: false,
    isCustomerVisible: true,
    productOffering: offeringRef(href, service.productId, product?.name),
    ...(service.activatedAt ? { startDate: service.activatedAt } : {}),
    ...(service.disconnectedAt ? { terminationDate: service.disconnectedAt } : {}),
    productCharacteristic: [
      ...Object.entries(service.config).map(([name, value]) => ({ '@type': 'StringCharacteristic', name, valueType: 'string', value })),
      ...service.features.map((f) => ({ '@type': 'StringCharacteristic', name: f, valueType: 'string', value: 'on' })),
    ],
    ...(service.addons.length > 0 ? { productRelationship: service.addons.map((a) => ({ '@type': 'ProductRelationship', relationshipType: 'addOn', id: a, product: { '@type': 'ProductRef', id: a } })) } : {}),
    billingAccount: { '@type': 'BillingAccountRef', id: customer.accountNumber },
    relatedParty: [{ '@type': 'RelatedPartyOrPartyRole', role: 'customer', partyOrPartyRole: { '@type': 'PartyRoleRef', id: customer.id, href: href('TMF629', 'customer', customer.id), '@referredType': 'Customer' } }],
  };
}

const BILL_STATE: Record<Bill['status'], string> = { open: 'sent', paid: 'settled', overdue: 'sent' };

export function customerBillOf(bill: Bill, href: Hrefs): Record<string, unknown> {
  const [y, m] = bill.period.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1)).toISOString();
  const end = new Date(Date.UTC(y, m, 1) - 1).toISOString();
  const paid = bill.payments.length > 0 && bill.balance.amountMinor > 0 && bill.balance.amountMinor < bill.total.amountMinor;
  return {
    '@type': 'CustomerBill',
    id: bill.id,
    href: href('TMF678', 'customerBill', bill.id),
    billNo: `${bill.accountNumber}-${bill.period}`,
    billDate: bill.issuedAt,
    paymentDueDate: `${bill.dueDate}T00:00:00.000Z`,
    billingPeriod: { startDateTime: start, endDateTime: end },
    state: paid ? 'partiallyPaid' : BILL_STATE[bill.status],
    category: 'normal',
    runType: 'onCycle',
    amountDue: tmfMoney(bill.total),
    taxIncludedAmount: tmfMoney(bill.total),
    remainingAmount: tmfMoney(bill.balance),
    billingAccount: { '@type': 'BillingAccountRef', id: bill.accountNumber },
    relatedParty: [customerParty(href, bill.customerId)],
  };
}
