/**
 * The screen pop's action forms: the CSR does the job for the customer of the escalation they
 * accepted through the same use cases as the staff API's actions (adjustment, extension, new
 * service, modification, discontinuation, repair), audited the same way. Forms post without
 * script and redirect to the screen pop, where the outcome is shown; orders are quoted first
 * (a GET form that changes nothing) and confirmed with the quoted choice. Each rendered form
 * carries its own key: a double submit replays the first outcome and the use case dedupes on the
 * same key, so nothing is done twice. A refusal comes back in the form with the domain's reason.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { CsrActionName, CsrActionRequest, CsrActionResult, CsrActions } from '../../domain/staff/csr-actions';
import { CSR_ACTIONS } from '../../domain/staff/csr-actions';
import type { CsrActionOptionsApi, CsrQuoteRequest } from '../../domain/staff/csr-action-options';
import type { ScreenPop } from '../../domain/escalation/screen-pop';
import type { StaffView } from '../../domain/staff/staff';
import { isDomainError } from '../../domain/shared/errors';
import { refusalOf } from '../../domain/shared/refusal';
import { HttpProblem } from '../../shared/http/problem';
import type { Idempotency } from '../api/idempotency';
import { requestHash } from '../api/idempotency';
import { CSR_ACTION_BODIES } from '../staff-api/action-routes';
import type { StaffSession } from '../staff-api/staff-auth';
import { actionFormsView, nextStepWords, type ActionFormState } from './action-forms-view';

export interface ConsoleActionDeps {
  actions: CsrActions;
  options: CsrActionOptionsApi;
  idempotency: Idempotency;
  /** Keys the request fingerprints (the session secret). */
  fingerprintKey: string;
}

/** What the screen pop shows of the actions: the forms, or why there are none. */
export type ActionsPane = ReturnType<typeof actionFormsView> | { none: string };

export type RenderPop = (req: Request, res: Response, id: string, state: { action?: ActionFormState & { formKey?: string }; done?: CsrActionResult }, status?: number) => Promise<void>;

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const formKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const QUOTED = ['order-new', 'modification', 'discontinuation'] as const;
type Quoted = (typeof QUOTED)[number];

/** The form's own fields as strings (a repeated field that should not be is a bad form). */
type Fields = Record<string, string | string[] | undefined>;
const one = (f: Fields, k: string): string => (typeof f[k] === 'string' ? (f[k] as string).trim() : '');
const many = (f: Fields, k: string): string[] => ([] as string[]).concat(f[k] ?? []).map((s) => s.trim()).filter(Boolean);

class FormError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}
const need = (v: string, field: string, message: string): string => {
  if (!v) throw new FormError(field, message);
  return v;
};
const parts = (v: string, field: string, message: string, n: number): string[] => {
  const p = need(v, field, message).split('|');
  if (p.length < n || p.some((x) => !x)) throw new FormError(field, message);
  return p;
};

function amountMinor(text: string): number {
  const m = /^\$?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new FormError('amount', 'Write the amount in dollars and cents, like 8.00.');
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (minor <= 0) throw new FormError('amount', 'The amount must be more than zero.');
  return minor;
}

function choiceOf(f: Fields) {
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (k.startsWith('config.') && typeof v === 'string' && v.trim()) config[k.slice(7)] = v.trim();
  const addons = many(f, 'addons').flatMap((a) => a.split(',')).filter(Boolean);
  return { productId: need(one(f, 'productId'), 'productId', 'Choose a product.'), ...(Object.keys(config).length ? { config } : {}), ...(addons.length ? { addons } : {}) };
}

function modificationOf(f: Fields) {
  const [serviceId, kind, target, value] = parts(one(f, 'change'), 'change', 'Choose the change to make.', 3) as [string, string, string, string | undefined];
  const modification =
    kind === 'change-product' ? { kind, toProductId: target }
    : kind === 'add-addon' || kind === 'remove-addon' ? { kind, addonId: target }
    : kind === 'feature-on' || kind === 'feature-off' ? { kind, featureId: target }
    : { kind, key: target, value };
  return { serviceId, modification };
}

/** The action's input from the form, checked against the API's body schema. */
function requestOf(action: CsrActionName, f: Fields): CsrActionRequest {
  let input: unknown;
  switch (action) {
    case 'adjustment': {
      const [billId, itemId] = parts(one(f, 'charge'), 'charge', 'Choose the charge to adjust.', 2);
      input = { billId, itemId, reasonCode: need(one(f, 'reasonCode'), 'reasonCode', 'Choose a reason.'), amountMinor: amountMinor(need(one(f, 'amount'), 'amount', 'Write the amount to credit, like 8.00.')) };
      break;
    }
    case 'extension':
      input = { billId: need(one(f, 'billId'), 'toDate', 'There is no bill to move.'), toDate: need(one(f, 'toDate'), 'toDate', 'Choose the new due date.') };
      break;
    case 'order-new':
      input = choiceOf(f);
      break;
    case 'modification':
      input = modificationOf(f);
      break;
    case 'discontinuation': {
      const date = one(f, 'requestedDate');
      input = { serviceId: need(one(f, 'serviceId'), 'serviceId', 'Choose the service to discontinue.'), reasonCode: need(one(f, 'reasonCode'), 'reasonCode', 'Choose the customer\'s reason.'), ...(date ? { requestedDate: date } : {}) };
      break;
    }
    case 'repair': {
      const [serviceId, symptom] = parts(one(f, 'problem'), 'problem', 'Choose the service and what is wrong with it.', 2);
      input = { serviceId, symptom };
      break;
    }
  }
  const checked = CSR_ACTION_BODIES[action].safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new FormError(String(issue?.path[0] ?? ''), `This form is not valid (${String(issue?.path.join('.') ?? '')}: ${issue?.message ?? 'not valid'}). Choose from the lists.`);
  }
  return { action, input: checked.data } as CsrActionRequest;
}

function quoteRequestOf(action: Quoted, f: Fields): CsrQuoteRequest {
  if (action === 'order-new') return { action, choice: (requestOf('order-new', f) as Extract<CsrActionRequest, { action: 'order-new' }>).input };
  if (action === 'modification') return { action, ...(requestOf('modification', f) as Extract<CsrActionRequest, { action: 'modification' }>).input };
  return { action, serviceId: (requestOf('discontinuation', f) as Extract<CsrActionRequest, { action: 'discontinuation' }>).input.serviceId };
}

/** The form's values to show again (only the known fields, as text). */
function valuesOf(f: Fields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === '_csrf' || k === 'formKey' || v === undefined) continue;
    if (/^(charge|reasonCode|amount|billId|toDate|productId|change|serviceId|requestedDate|problem|addons|config\.[a-z0-9-]{1,64})$/.test(k)) out[k] = many(f, k).join(',').slice(0, 300);
  }
  return out;
}

/** The domain's reason as a sentence: capital first, full stop last. */
const sentence = (t: string): string => `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?)]$/.test(t) ? '' : '.'}`;

/** A domain refusal in the form: its reason in plain words and what the customer may do. */
function refusalState(e: unknown): ActionFormState['error'] | undefined {
  if (!isDomainError(e)) return undefined;
  if (e.code === 'BACKEND_UNAVAILABLE') return { heading: 'Not done: a back-end system did not answer', text: 'Nothing was changed twice: send the same form again in a moment.' };
  const r = refusalOf(e);
  return { heading: 'Refused', text: sentence(r?.reason ?? e.message), ...(r?.nextSteps.length ? { nextSteps: nextStepWords(r.nextSteps) } : {}) };
}

/** The pane for this CSR: forms only for the CSR holding the escalation while it is open and the customer is known. */
export async function actionsPane(d: ConsoleActionDeps | undefined, staff: StaffView, pop: ScreenPop, state: Parameters<RenderPop>[3], tz: string): Promise<ActionsPane | undefined> {
  if (!d) return undefined;
  const e = pop.escalation;
  if (e.status === 'resolved' || e.status === 'abandoned') return undefined;
  if (e.assignedTo !== staff.id) return { none: 'Only the CSR who took this escalation acts for the customer.' };
  if (e.status !== 'assigned') return { none: 'This escalation is back in the queue: accept it again to act for the customer.' };
  if (!pop.customer) return { none: 'The customer is not identified, so nothing can be done on an account from here. Ask them to verify on their channel (account number and PIN), then help them on that contact.' };
  const view = actionFormsView(pop, await d.options.options(staff, e.id), state.action, state.done, tz);
  if (state.action?.formKey) for (const f of view.forms) if (f.action === state.action.action) f.formKey = state.action.formKey;
  return view;
}

export interface ActionRouteDeps {
  actions?: ConsoleActionDeps;
  withSession: (kind: 'page' | 'data') => (req: Request, res: Response, next: NextFunction) => void;
  run: (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void;
  render: RenderPop;
  notFound: (req: Request, res: Response) => void;
}

const storeKey = (staffId: string, escalationId: string, formKey: string) => `console:${staffId}:${escalationId}:${formKey}`;

/** The outcome to show after the redirect (only this CSR's own, for this escalation). */
export async function doneResult(d: ConsoleActionDeps | undefined, staff: StaffView, escalationId: string, done: unknown): Promise<CsrActionResult | undefined> {
  const key = formKeySchema.safeParse(done);
  if (!d || !key.success) return undefined;
  const r = (await d.idempotency.stored(storeKey(staff.id, escalationId, key.data))) as CsrActionResult | undefined;
  return r && r.escalationId === escalationId && (CSR_ACTIONS as readonly string[]).includes(r.action) ? r : undefined;
}

export function addActionRoutes(router: Router, d: ActionRouteDeps): void {
  const session = (res: Response): StaffSession => res.locals.session as StaffSession;
  const pop = (id: string) => `/console/escalations/${id}`;

  // A reload of the address a form was posted to (the refused form's page) goes back to the screen pop.
  router.get('/escalations/:id/actions/:action', d.withSession('page'), (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return d.notFound(req, res);
    res.redirect(303, `${pop(id.data)}#actions-heading`);
  });

  router.get('/escalations/:id/quote/:action', d.withSession('page'), d.run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const action = req.params.action as Quoted;
    if (!id.success || !d.actions || !(QUOTED as readonly string[]).includes(action)) return d.notFound(req, res);
    const fields = req.query as Fields;
    const values = valuesOf(fields);
    try {
      const quote = await d.actions.options.quote(session(res).staff, id.data, quoteRequestOf(action, fields));
      await d.render(req, res, id.data, { action: { action, values, quote } });
    } catch (e) {
      if (e instanceof FormError) return d.render(req, res, id.data, { action: { action, values, error: { heading: 'Not quoted', text: e.message, field: e.field } } }, 422);
      const error = isDomainError(e) && e.code !== 'NOT_PERMITTED' && !(e.code === 'NOT_FOUND' && e.details.escalationId) ? refusalState(e) : undefined;
      if (!error) throw e;
      await d.render(req, res, id.data, { action: { action, values, error } }, 422);
    }
  }));

  router.post('/escalations/:id/actions/:action', d.withSession('page'), d.run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const action = req.params.action as CsrActionName;
    if (!id.success || !d.actions || !(CSR_ACTIONS as readonly string[]).includes(action)) return d.notFound(req, res);
    const a = d.actions;
    const staff = session(res).staff;
    const fields = (req.body ?? {}) as Fields;
    const values = valuesOf(fields);
    const formKey = formKeySchema.safeParse(fields.formKey);
    if (!formKey.success) return d.render(req, res, id.data, { action: { action, values, error: { heading: 'Not sent', text: 'This form is out of date: use the form below.' } } }, 422);
    const state = (error: ActionFormState['error']) => ({ action: { action, values, error, formKey: formKey.data } });
    let request: CsrActionRequest;
    try {
      request = requestOf(action, fields);
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
      return d.render(req, res, id.data, state({ heading: 'Not sent', text: e.message, field: e.field }), 422);
    }

    const done = `${pop(id.data)}?done=${formKey.data}#action-result`;
    let begun;
    try {
      begun = await a.idempotency.begin(storeKey(staff.id, id.data, formKey.data), requestHash({ path: action, query: {}, body: request.input }, a.fingerprintKey));
    } catch (e) {
      if (!(e instanceof HttpProblem)) throw e;
      // The same form sent again while the first is running, or sent again with other values.
      const text = e.status === 409 ? 'This form was already sent and is still being done: its outcome shows here in a moment (reload).' : 'This form was already sent with other values: the outcome of the first is kept. Use a fresh form below.';
      return d.render(req, res, id.data, { action: { action, values, error: { heading: 'Already sent', text } } }, 409);
    }
    if (begun.kind === 'replay') return res.redirect(303, done);
    let result: CsrActionResult;
    try {
      result = await a.actions.perform(staff, id.data, request, formKey.data);
    } catch (e) {
      await a.idempotency.abandon(begun.record).catch((err: unknown) => req.log?.warn({ err }, 'could not release a console form key'));
      // Not this CSR's (403) or no such escalation (404): the console's own pages say so.
      if (isDomainError(e) && (e.code === 'NOT_PERMITTED' || (e.code === 'NOT_FOUND' && e.details.escalationId))) throw e;
      // Wrapped up or left meanwhile: the screen pop says the escalation is closed.
      if (isDomainError(e) && e.code === 'CONFLICT' && typeof e.details.status === 'string') return res.redirect(303, `${pop(id.data)}?notice=closed`);
      const error = refusalState(e);
      if (!error) throw e;
      return d.render(req, res, id.data, state(error), isDomainError(e) && e.code === 'BACKEND_UNAVAILABLE' ? 503 : 422);
    }
    // Done: a lost record only means the outcome is not shown again (a resend is still deduped by the use case).
    await a.idempotency.complete(begun.record, 201, result).catch((err: unknown) => req.log?.warn({ err }, 'could not store a console form outcome'));
    res.redirect(303, done);
  }));
}
