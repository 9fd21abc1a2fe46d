/**
 * The response schema of every operation, by operationId. The OpenAPI document takes its
 * response bodies from here (a route without one cannot be documented: buildOpenApi refuses),
 * and each entry is checked at compile time against what the handler returns: `fits<T>()`
 * accepts a schema only when the domain type T is assignable to the schema's input.
 */
import { z } from 'zod';
import type { Care } from '../../domain/care';
import * as r from './response-schemas';
import * as c from './response-schemas-contacts';

export type Out<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
type Fits<T, S extends z.ZodType> = [T] extends [z.input<S>] ? unknown : { error: 'the handler returns a type this schema does not describe' };
/** Returns the schema unchanged; a compile error when T does not fit it. */
export const fits =
  <T>() =>
  <S extends z.ZodType>(schema: S & Fits<T, S>): S =>
    schema;
const list = <S extends z.ZodType>(s: S) => z.array(s);

type O = Care['orders'];
type B = Care['billing'];
type P = Care['procedures'];
type Session = { token: string; tokenType: 'Bearer'; expiresAt: string; verification: 'none' | 'identified' | 'verified'; customer: Out<Care['customers']['profile']> };

export const RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  signIn: fits<Session>()(r.sessionSchema),
  sendOneTimeCode: fits<Out<Care['verification']['sendOneTimeCode']>>()(c.oneTimeCodeSentSchema),
  registerCustomer: fits<Session>()(r.sessionSchema),
  changePin: fits<Session>()(r.sessionSchema),

  getProfile: fits<Out<Care['customers']['profile']>>()(r.customerSchema),
  listServices: fits<Out<Care['customers']['services']>>()(list(r.serviceWithProductSchema)),
  listOffers: fits<Out<O['offers']>>()(list(r.offerSchema)),
  listBills: fits<Out<B['bills']>>()(list(r.billSchema)),
  billSummary: fits<Out<B['summary']>>()(r.billSummarySchema),
  getBill: fits<Out<B['bill']>>()(r.billSchema),
  listAdjustableItems: fits<Out<B['adjustableItems']>>()(list(r.adjustableItemSchema)),
  listAdjustments: fits<Out<B['adjustments']>>()(list(r.adjustmentSchemaOut)),
  requestAdjustment: fits<Out<B['requestAdjustment']>>()(r.adjustmentSchemaOut),
  getExtensionOptions: fits<{ eligible: false } | ({ eligible: true } & NonNullable<Out<B['extensionOptions']>>)>()(r.extensionOptionsSchema),
  requestExtension: fits<Out<B['requestExtension']>>()(r.extensionSchemaOut),

  listOrders: fits<Out<O['orders']>>()(list(r.orderSchema)),
  getOrder: fits<Out<O['order']>>()(r.orderSchema),
  quoteNewService: fits<Out<O['quoteNew']>>()(r.quoteSchema),
  orderNewService: fits<Out<O['submitNew']>>()(r.orderSchema),
  listAllowedModifications: fits<Out<O['allowedModifications']>>()(list(r.allowedModificationSchema)),
  quoteModification: fits<Out<O['quoteModification']>>()(r.quoteSchema),
  modifyService: fits<Out<O['submitModification']>>()(r.orderSchema),
  listDiscontinuationReasons: fits<Out<O['discontinuationReasons']>>()(list(r.choiceSchema)),
  listMarketingQuestions: fits<Out<O['marketingQuestions']>>()(list(r.marketingQuestionSchema)),
  getDiscontinuationDates: fits<{ dates: Out<O['discontinuationDates']> }>()(r.discontinuationDatesSchema),
  getRetentionOffer: fits<{ offer: Out<O['retentionOffer']> }>()(r.retentionOfferSchema),
  quoteDiscontinuation: fits<Out<O['quoteDiscontinuation']>>()(r.quoteSchema),
  discontinueService: fits<Out<O['submitDiscontinuation']>>()(r.orderSchema),

  listTickets: fits<Out<Care['repair']['tickets']>>()(list(c.ticketSchema)),
  getTicket: fits<Out<Care['repair']['ticket']>>()(c.ticketSchema),
  listSymptoms: fits<Out<Care['repair']['symptoms']>>()(list(r.choiceSchema)),
  troubleshoot: fits<Out<Care['repair']['troubleshoot']>>()(c.repairOutcomeSchema),
  bookAppointment: fits<Out<Care['repair']['bookAppointment']>>()(c.ticketSchema),

  listInteractions: fits<Out<Care['interactions']['list']>>()(list(c.interactionSchema)),
  startInteraction: fits<Out<Care['interactions']['start']>>()(c.interactionSchema),
  listProcedures: fits<Out<P['available']>>()(list(c.availableProcedureSchema)),
  startProcedure: fits<Out<P['start']>>()(c.stepSchema),
  currentStep: fits<Out<P['current']>>()(c.stepSchema),
  answerStep: fits<Out<P['answer']>>()(c.stepSchema),
  resumeProcedure: fits<Out<P['resume']>>()(c.stepSchema),
  getResumable: fits<{ resumable: Out<P['resumable']> }>()(c.resumableSchema),
  nextBestOffer: fits<{ offer: Out<Care['offers']['nextBest']> }>()(c.offerReplySchema),
  answerOffer: fits<{ offer: Out<Care['offers']['answer']>['offer']; step: NonNullable<Out<Care['offers']['answer']>['step']> | null }>()(c.offerAnswerReplySchema),
  escalate: fits<{ id: string; status: 'queued' | 'assigned' | 'resolved' | 'abandoned'; skill: (typeof import('../../domain/escalation/escalation').SKILLS)[number]; position: number; createdAt: string }>()(c.escalationReceiptSchema),
};
