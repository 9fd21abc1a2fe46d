/**
 * The portal's guided procedures (mounted by the portal frame at /procedures): every procedure
 * the voice and chat channels run, rendered from the same domain Steps as server-side forms that
 * work without script. One portal interaction per session and procedure (channelRef
 * `<session>:<procedure>`) keeps the draft, so a reload or a new tab continues where it was;
 * drafts left on another channel are taken over through continuity (/procedures/resume).
 *
 *   GET  /procedures                 the procedures this customer may start
 *   GET  /procedures/:name           start, or continue, that procedure (its current step); a link may
 *                                    preset its first choices (?bill=…&item=…, ?service=…, ?product=…)
 *   POST /procedures/:name/step      answer the current step (CSRF; one idempotency key per form)
 *   GET  /procedures/:name/result/:interactionId   how it ended (order, ticket, appointment, refusal)
 *   GET  /procedures/resume          continue the unfinished draft from any channel
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import cookieParser from 'cookie-parser';
import path from 'node:path';
import { z } from 'zod';
import type { Care } from '../../../domain/care';
import type { Stores } from '../../../domain/ports/store';
import type { Clock } from '../../../domain/shared/ports';
import type { Actor } from '../../../domain/shared/actor';
import type { Interaction } from '../../../domain/interactions/interaction';
import type { ProcedureName, Step } from '../../../domain/procedures/procedure';
import type { CatalogText } from '../../../domain/catalog/catalog-text';
import { isDomainError, type DomainError } from '../../../domain/shared/errors';
import { refusalOf } from '../../../domain/shared/refusal';
import { createPageCsrf, createViews, isCsrfError, pageAssets, type PageCsrf, type Views } from '../../../shared/pages';
import { loadProcedureWording, webPortalDir, type ProcedureLocale, type ProcedureWording, type ProcedureWords } from './procedure-wording';
import { doneView, stepFormView } from './step-form';
import { withAddonPrices } from './addon-prices';
import { decodeProcedure } from '../../../domain/procedures/procedure-codec';
import { repairSummaryOf } from '../../../domain/procedures/definitions/repair';
import { createFormKeys, FORM_KEY, newFormKey } from './form-keys';

/** What the portal offers as guided forms (new-customer is the frame's registration). */
export const PORTAL_PROCEDURES = ['new-service', 'modify-service', 'discontinue-service', 'bill-adjustment', 'payment-extension', 'repair', 'bill-inquiry'] as const satisfies readonly ProcedureName[];
type PortalProcedure = (typeof PORTAL_PROCEDURES)[number];
const isPortalProcedure = (s: string): s is PortalProcedure => (PORTAL_PROCEDURES as readonly string[]).includes(s);

export interface ProcedureRouteDeps {
  care: Pick<Care, 'procedures' | 'interactions' | 'catalog'>;
  stores: Pick<Stores, 'idempotency'>;
  clock: Clock;
  /** Cookies Secure (production). */
  secure: boolean;
  /** Signs the CSRF tokens when the frame gives no `csrf` of its own (the session secret). */
  csrfSecret: string;
  /** Puts a step's catalog text (products, reasons, symptoms, diagnoses, quote notes) in the customer's language, as voice and chat do. */
  catalogText?: CatalogText;
}

/** A whole page for the frame to send: its layout around `body` (HTML these routes rendered, escaped). */
export interface ProcedurePage {
  title: string;
  body: string;
  locale: ProcedureLocale;
  status: number;
  /** Stylesheets these pages need besides the frame's. */
  styles: string[];
}

export interface ProcedureRouteOptions {
  /**
   * The signed-in customer (the frame's cookie session); undefined → redirect to signInPath.
   * `sessionId` is an opaque, stable id of that sign-in (e.g. the token's jti), never the token:
   * it names the session's drafts (interaction channelRef) and binds our CSRF tokens.
   */
  customerOf(req: Request): { customerId: string; sessionId?: string } | undefined;
  locale(req: Request): ProcedureLocale;
  /** Sends the page in the frame's layout; default: web-portal/views/procedures/standalone.eta. */
  render?(req: Request, res: Response, page: ProcedurePage): void;
  /** The frame's CSRF protection (same cookie and token as its other forms); default: our own. */
  csrf?: PageCsrf;
  /** Where this router is mounted (default '/procedures'). */
  basePath?: string;
  /** Where a visitor without a session goes (default '/sign-in'). */
  signInPath?: string;
  /** Where "talk to a person" leads (the frame's chat with a person): linked from a refusal or a hand-over. */
  personPath?: string;
  wording?: ProcedureWording;
  views?: Views;
}

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const stepForm = z.strictObject({
  _csrf: z.string().optional(),
  interaction: idSchema,
  formKey: z.string().regex(FORM_KEY),
  field: z.string().min(1).max(100).regex(/^[A-Za-z0-9.$_-]+$/),
  kind: z.enum(['choose', 'input', 'confirm']),
  value: z.string().max(500).optional(),
  skip: z.literal('1').optional(),
});
type StepForm = z.infer<typeof stepForm>;

/** Errors about the answer: shown next to the field, the step asked again. */
const ANSWER_ERRORS = new Set([
  'VALIDATION_FAILED', 'AMOUNT_NOT_VALID', 'LIMIT_EXCEEDED', 'ITEM_NOT_ADJUSTABLE', 'REASON_REQUIRED', 'REASON_NOT_VALID', 'NOT_SERVICEABLE',
  'PRODUCT_NOT_SELLABLE', 'PRODUCT_INCOMPATIBLE', 'SERVICE_NOT_MODIFIABLE', 'MODIFICATION_NOT_ALLOWED', 'SERVICE_NOT_CANCELLABLE', 'EXTENSION_NOT_ALLOWED',
  'QUOTE_EXPIRED', 'ALREADY_HAVE_PRODUCT', 'ACCOUNT_NOT_IN_GOOD_STANDING', 'SERVICE_NOT_ON_ACCOUNT', 'DUPLICATE', 'BACKEND_UNAVAILABLE', 'CONFLICT',
]);

const NOTICES = ['answered-elsewhere', 'resumed', 'form-reused', 'closed'] as const;

type Handler = (req: Request, res: Response) => Promise<void>;
const run = (h: Handler): RequestHandler => (req, res, next) => void h(req, res).catch(next);

export function makeProcedureRoutes(deps: ProcedureRouteDeps, opts: ProcedureRouteOptions): Router {
  const { care } = deps;
  const base = opts.basePath ?? '/procedures';
  const signIn = opts.signInPath ?? '/sign-in';
  const dir = webPortalDir();
  const views = opts.views ?? createViews({ dir });
  const wording = opts.wording ?? loadProcedureWording({ timeZone: () => care.catalog.catalog().operator.timezone });
  const formKeys = createFormKeys(deps.stores.idempotency, deps.clock);
  const localized = <S extends Step>(step: S, locale: ProcedureLocale): S => (deps.catalogText ? deps.catalogText.localizeStep(step, locale) : step);
  if (!opts.csrf && deps.csrfSecret.length < 32) throw new Error('makeProcedureRoutes: csrfSecret must be at least 32 characters (or pass the frame\'s csrf)');
  const csrf =
    opts.csrf ??
    createPageCsrf({ secret: deps.csrfSecret, secure: deps.secure, path: base, cookieName: 'telecare_procedures_csrf', sessionId: (req) => { const c = opts.customerOf(req); return c ? (c.sessionId ?? c.customerId) : ''; } });
  const styles = [`${base}/assets/procedures.css`];
  const router = express.Router();

  router.use('/assets', express.static(path.join(dir, 'assets', 'procedures'), { index: false, fallthrough: true, etag: true, maxAge: '1h', redirect: false }), pageAssets());
  router.use(cookieParser(), express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }), csrf.protect);

  const wordsOf = (req: Request): ProcedureWords => wording.words(opts.locale(req));
  const actorOf = (c: { customerId: string }, req: Request): Actor => ({ kind: 'customer', channel: 'portal', verification: 'verified', customerId: c.customerId, ...(req.ip ? { source: req.ip } : {}) });
  const channelRef = (c: { customerId: string; sessionId?: string }, name: string): string => `${c.sessionId ?? c.customerId}:${name}`;

  const send = (req: Request, res: Response, view: string, title: string, data: Record<string, unknown>, status = 200): void => {
    const w = wordsOf(req);
    const notice = typeof req.query.notice === 'string' && (NOTICES as readonly string[]).includes(req.query.notice) ? w.t(`notice.${req.query.notice}`) : undefined;
    const body = views.render(`procedures/${view}`, { w, base, csrf: csrf.token(req, res), notice, ...data });
    const page: ProcedurePage = { title, body, locale: w.locale, status, styles };
    if (opts.render) return opts.render(req, res, page);
    res.status(status).type('html').send(views.render('procedures/standalone', { ...page, assetBase: `${base}/assets`, w }));
  };

  /** The customer, or a redirect to sign in (then undefined). */
  const who = (req: Request, res: Response) => {
    const c = opts.customerOf(req);
    // Back to the page after signing in: a form's own address is not a page.
    if (!c) res.redirect(303, `${signIn}?next=${encodeURIComponent((req.method === 'GET' ? req.originalUrl : req.originalUrl.replace(/\/step(\?.*)?$/, '')).slice(0, 200))}`);
    return c;
  };

  const titleOf = (w: ProcedureWords, name: string): string => w.t(`procedure.${name}`);

  /** The interaction these forms keep for this customer and procedure; only the customer's own portal ones. */
  async function ownInteraction(actor: Actor, id: string, name: string): Promise<Interaction | null> {
    const i = await care.interactions.get(id).catch((e: unknown) => {
      if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    return i && i.customerId === actor.customerId && i.channel === 'portal' && i.procedure?.name === name ? i : null;
  }

  /** Starts with the preset answers, each checked as if the customer gave it; one the domain refuses is asked instead. */
  async function startWith(actor: Actor, interactionId: string, name: PortalProcedure, preset: Record<string, string> | undefined): Promise<Step> {
    if (!preset) return care.procedures.start(actor, interactionId, name);
    try {
      return await care.procedures.start(actor, interactionId, name, preset);
    } catch (e) {
      if (!isDomainError(e) || !ANSWER_ERRORS.has(e.code)) throw e;
      return care.procedures.start(actor, interactionId, name);
    }
  }

  /** An ended procedure: the contact is over unless a person must take it from here. Returns the result page. */
  async function ended(i: Interaction, step: Extract<Step, { kind: 'done' }>): Promise<string> {
    if (step.outcome !== 'escalate') await care.interactions.end(i.id, { status: 'completed', outcome: step.outcome });
    return `${base}/${step.procedure}/result/${i.id}`;
  }

  function renderStep(req: Request, res: Response, i: Interaction, step: Exclude<Step, { kind: 'done' }>, extra: { error?: string; value?: string; resumable?: unknown } = {}, status = 200): void {
    const w = wordsOf(req);
    const form = stepFormView(withAddonPrices(localized(step, w.locale), care.catalog.catalog()), w);
    const answered = i.procedure?.completed.length ?? 0;
    send(req, res, 'step', extra.error ? `${w.t('ui.error')}: ${titleOf(w, step.procedure)}` : titleOf(w, step.procedure), { title: titleOf(w, step.procedure), form, interactionId: i.id, formKey: newFormKey(), answered, diagnosis: diagnosisOf(i), ...extra }, status);
  }

  router.get('/', run(async (req, res) => {
    const c = who(req, res);
    if (!c) return;
    const w = wordsOf(req);
    const actor = actorOf(c, req);
    const allowed = new Set(care.procedures.available(actor).filter((p) => p.allowed).map((p) => p.name));
    const list = PORTAL_PROCEDURES.filter((n) => allowed.has(n)).map((n) => ({ name: n, title: titleOf(w, n), blurb: w.t(`procedure.${n}.blurb`) }));
    const draft = await care.procedures.resumable(actor);
    send(req, res, 'index', w.t('ui.procedures'), { list, resumable: draft && isPortalProcedure(draft.procedure) ? draft : null });
  }));

  router.get('/resume', run(async (req, res) => {
    const c = who(req, res);
    if (!c) return;
    const w = wordsOf(req);
    const actor = actorOf(c, req);
    const draft = await care.procedures.resumable(actor);
    if (!draft || !isPortalProcedure(draft.procedure)) return send(req, res, 'nothing-to-resume', w.t('ui.resume.none.title'), {});
    const ref = channelRef(c, draft.procedure);
    const existing = await care.interactions.byChannelRef('portal', ref);
    const target = existing && existing.status === 'open' && existing.customerId === c.customerId ? existing : await care.interactions.start(actor, { channel: 'portal', channelRef: ref });
    try {
      const step = await care.procedures.resume(actor, target.id);
      res.redirect(303, step.kind === 'done' ? await ended(target, step) : `${base}/${draft.procedure}?notice=resumed`);
    } catch (e) {
      // Another tab or channel took it first.
      if (isDomainError(e) && e.code === 'NOTHING_TO_RESUME') return send(req, res, 'nothing-to-resume', w.t('ui.resume.none.title'), {});
      throw e;
    }
  }));

  router.get('/:name', run(async (req, res) => {
    const name = String(req.params.name);
    if (!isPortalProcedure(name)) return notFound(req, res);
    const c = who(req, res);
    if (!c) return;
    const actor = actorOf(c, req);
    const preset = presetOf(name, req.query);
    const ref = channelRef(c, name);
    const existing = await care.interactions.byChannelRef('portal', ref);
    const open = existing && existing.status === 'open' && existing.customerId === c.customerId ? existing : null;
    // A link that names what to work on (the bills page's "dispute this charge") starts afresh with it.
    if (!preset && open?.procedure?.name === name && open.procedure.status === 'open' && !open.procedure.closed) {
      const step = await care.procedures.current(actor, open.id);
      if (step.kind === 'done') return void res.redirect(303, await ended(open, step));
      return renderStep(req, res, open, step);
    }
    // Nothing under way here: a new contact (an earlier one that ended is closed first).
    if (open) await care.interactions.end(open.id, { status: 'completed' });
    const i = await care.interactions.start(actor, { channel: 'portal', channelRef: ref });
    const step = await startWith(actor, i.id, name, preset);
    if (step.kind === 'done') return void res.redirect(303, await ended(i, step));
    const draft = await care.procedures.resumable(actor);
    renderStep(req, res, (await care.interactions.get(i.id)), step, draft?.procedure === name ? { resumable: draft } : {});
  }));

  router.post('/:name/step', run(async (req, res) => {
    const name = String(req.params.name);
    if (!isPortalProcedure(name)) return notFound(req, res);
    const c = who(req, res);
    if (!c) return;
    const actor = actorOf(c, req);
    const parsed = stepForm.safeParse(req.body ?? {});
    if (!parsed.success) return badForm(req, res);
    const form = parsed.data;
    const i = await ownInteraction(actor, form.interaction, name);
    if (!i) return notFound(req, res);

    const request = { name, interaction: form.interaction, field: form.field, kind: form.kind, value: form.value ?? null, skip: form.skip ?? null };
    const claim = await formKeys.claim(c.customerId, form.formKey, request);
    if (claim.kind === 'replay') return void res.redirect(303, claim.location);
    if (claim.kind === 'reused') return void res.redirect(303, `${base}/${name}?notice=form-reused`);
    const record = claim.kind === 'new' ? claim.record : undefined;
    try {
      const value = answerValue(form);
      const step = await care.procedures.answer(actor, i.id, form.field, value);
      const location = step.kind === 'done' ? await ended(i, step) : `${base}/${name}`;
      if (record) await formKeys.complete(record, location);
      res.redirect(303, location);
    } catch (e) {
      if (record) await formKeys.abandon(record);
      if (!isDomainError(e)) throw e;
      if (e.code === 'STEP_NOT_VALID' || e.code === 'INTERACTION_CLOSED') return void res.redirect(303, `${base}/${name}?notice=${e.code === 'STEP_NOT_VALID' ? 'answered-elsewhere' : 'closed'}`);
      if (!ANSWER_ERRORS.has(e.code)) throw e;
      // The step asked again, with the reason next to the field and what was typed kept.
      const step = await care.procedures.current(actor, i.id);
      if (step.kind === 'done') return void res.redirect(303, await ended(i, step));
      renderStep(req, res, await care.interactions.get(i.id), step, { error: errorText(wordsOf(req), e, care.catalog.catalog().operator.currency), value: step.field === form.field ? (form.value ?? '') : '' }, 422);
    }
  }));

  router.get('/:name/result/:id', run(async (req, res) => {
    const name = String(req.params.name);
    const id = idSchema.safeParse(req.params.id);
    if (!isPortalProcedure(name) || !id.success) return notFound(req, res);
    const c = who(req, res);
    if (!c) return;
    const actor = actorOf(c, req);
    const i = await ownInteraction(actor, id.data, name);
    if (!i || !i.procedure || i.procedure.status === 'open') return notFound(req, res);
    const step = await care.procedures.current(actor, i.id);
    if (step.kind !== 'done') return notFound(req, res);
    const w = wordsOf(req);
    send(req, res, 'result', titleOf(w, name), { title: titleOf(w, name), done: doneView(localized(step, w.locale), w), name, personPath: opts.personPath, diagnosis: step.outcome === 'ticket' || step.outcome === 'outage' ? diagnosisOf(i) : undefined });
  }));

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isCsrfError(err)) return next(err);
    const w = wordsOf(req);
    send(req, res, 'problem', w.t('ui.csrf.title'), { heading: w.t('ui.csrf.title'), text: w.t('ui.csrf.text'), back: req.baseUrl + req.path.replace(/\/step$/, '') }, 403);
  });

  function notFound(req: Request, res: Response): void {
    const w = wordsOf(req);
    send(req, res, 'problem', w.t('ui.not-found.title'), { heading: w.t('ui.not-found.title'), text: w.t('ui.not-found.text'), back: base }, 404);
  }

  function badForm(req: Request, res: Response): void {
    const w = wordsOf(req);
    send(req, res, 'problem', w.t('ui.bad-form.title'), { heading: w.t('ui.bad-form.title'), text: w.t('ui.bad-form.text'), back: req.baseUrl + req.path.replace(/\/step$/, '') }, 400);
  }

  return router;
}

/** What troubleshooting found (repair), kept on the interaction: shown while booking and with the ticket. */
function diagnosisOf(i: Interaction): string | undefined {
  if (i.procedure?.name !== 'repair') return undefined;
  return repairSummaryOf(decodeProcedure(i.procedure).answers)?.explanation || undefined;
}

/**
 * Answers a link may give in advance (`/procedures/bill-adjustment?bill=…&item=…`): only a
 * procedure's first choices, in order, and only as far as they are given without a gap.
 */
const PRESETS: Partial<Record<PortalProcedure, readonly string[]>> = {
  'bill-adjustment': ['bill', 'item'],
  'modify-service': ['service'],
  'discontinue-service': ['service'],
  repair: ['service'],
  'new-service': ['product'],
};

function presetOf(name: PortalProcedure, query: Request['query']): Record<string, string> | undefined {
  const preset: Record<string, string> = {};
  for (const field of PRESETS[name] ?? []) {
    const v = query[field];
    if (typeof v !== 'string' || !idSchema.safeParse(v).success) break;
    preset[field] = v;
  }
  return Object.keys(preset).length > 0 ? preset : undefined;
}

/** The form's answer as the domain takes it: confirm yes/no as a boolean, skipped as null, else the text. */
function answerValue(form: StepForm): unknown {
  if (form.skip) return null;
  if (form.kind === 'confirm') return form.value === 'yes' ? true : form.value === 'no' ? false : undefined;
  return form.value ?? '';
}

/** The domain's reason in the customer's words: a refusal by its reason code, an error by its code, else the domain's own message. */
function errorText(w: ProcedureWords, e: DomainError, currency: string): string {
  const refusal = refusalOf(e);
  if (refusal) return w.t(`refusal.${refusal.reasonCode}`, w.values({ ...refusal.facts, explanation: refusal.reason }), w.t('refusal.default', { explanation: refusal.reason }));
  const facts = Object.fromEntries(Object.entries(e.details).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, string | number>;
  if (typeof e.details.maxMinor === 'number') {
    facts.max = w.value({ amountMinor: e.details.maxMinor, currency });
    if (w.has(`error.${e.code}.max`)) return w.t(`error.${e.code}.max`, facts, e.message);
  }
  return w.t(`error.${e.code}`, facts, e.message);
}
