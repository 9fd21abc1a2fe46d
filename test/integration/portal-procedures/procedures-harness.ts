/**
 * The procedure forms on a small express app (helmet and the strict page headers, as the portal
 * frame mounts them) over the real domain (care fixture), with a stand-in for the frame's session:
 * the `x-customer` and `x-session` headers name the signed-in customer. Helpers read the rendered
 * form the way a browser would submit it.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { makeCare, type CareFixture } from '../../support/care-fixture';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { pageHeaders } from '../../../src/shared/pages';
import { makeProcedureRoutes } from '../../../src/channels/portal/procedures';
import { CATALOG_TEXT } from '../../unit/chat/chat-test-kit';

export interface Harness {
  fx: CareFixture;
  ids: DemoIds;
  app: Express;
  close(): Promise<void>;
}

export async function startProcedures(): Promise<Harness> {
  const fx = await makeCare();
  const ids = await demoIds(fx.stores);
  const app = express();
  app.use(helmet(), pageHeaders());
  app.use(
    '/procedures',
    makeProcedureRoutes(
      { care: fx.care, stores: fx.stores, clock: fx.clock, secure: false, csrfSecret: 'test-only-csrf-secret-0123456789abcdef', catalogText: CATALOG_TEXT },
      {
        customerOf: (req) => {
          const customerId = req.get('x-customer');
          return customerId ? { customerId, sessionId: req.get('x-session') ?? `s-${customerId}` } : undefined;
        },
        locale: (req) => (req.acceptsLanguages('en', 'es') === 'es' ? 'es' : 'en'),
      },
    ),
  );
  return { fx, ids, app, close: () => fx.close() };
}

export interface Form {
  csrf: string;
  interaction: string;
  formKey: string;
  field: string;
  kind: 'choose' | 'input' | 'confirm';
  /** Radio options: value and visible label text. */
  options: { value: string; label: string }[];
  html: string;
}

const attr = (html: string, name: string): string => {
  const m = new RegExp(`name="${name.replace('$', '\\$')}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no ${name} in the form: ${html.slice(0, 500)}`);
  return m[1] as string;
};

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();

export function formOf(html: string): Form {
  const options = [...html.matchAll(/<input type="radio" name="value" id="([^"]+)" value="([^"]*)"[^>]*>\s*<label for="\1">([\s\S]*?)<\/label>/g)].map((m) => ({ value: m[2] as string, label: text(m[3] as string) }));
  return {
    csrf: attr(html, '_csrf'),
    interaction: attr(html, 'interaction'),
    formKey: attr(html, 'formKey'),
    field: attr(html, 'field'),
    kind: attr(html, 'kind') as Form['kind'],
    options,
    html,
  };
}

export const pageText = text;

/** A customer's browser: the frame's session as headers, cookies kept (the CSRF cookie). */
export function customer(h: Harness, customerId: string, opts: { session?: string; lang?: string } = {}) {
  const agent = request.agent(h.app);
  const session = opts.session ?? `s-${Math.random().toString(36).slice(2)}`;
  const headers = { 'x-customer': customerId, 'x-session': session, 'accept-language': opts.lang ?? 'en' };
  const get = (url: string) => agent.get(url).set(headers);
  const post = (url: string, body: Record<string, string>) => agent.post(url).set(headers).type('form').send(body);

  /** Follows 303s from a GET or POST to the page they end on. */
  async function follow(res: request.Response): Promise<request.Response> {
    let r = res;
    for (let n = 0; r.status === 303 && n < 5; n++) r = await get(r.headers.location as string);
    return r;
  }

  return {
    get,
    post,
    follow,
    /** Opens the procedure (start or continue) and returns the page it lands on. */
    open: async (name: string) => follow(await get(`/procedures/${name}`)),
    /** Submits the form on `page` with this answer (a confirm: 'yes'/'no'; skip: { skip: '1' }); returns the raw response. */
    submit(name: string, form: Form, answer: { value?: string; skip?: '1' }, extra: Record<string, string> = {}) {
      const body: Record<string, string> = { _csrf: form.csrf, interaction: form.interaction, formKey: form.formKey, field: form.field, kind: form.kind, ...extra };
      if (answer.value !== undefined) body.value = answer.value;
      if (answer.skip) body.skip = '1';
      return post(`/procedures/${name}/step`, body);
    },
  };
}
