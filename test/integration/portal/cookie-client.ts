/** A small HTTP client for page tests: keeps cookies like a browser would (path and Secure ignored) and reads the forms' CSRF token. */
export interface PageResponse {
  status: number;
  headers: Headers;
  body: string;
  setCookies: string[];
}

export class CookieClient {
  readonly jar = new Map<string, string>();
  constructor(readonly base: string, private readonly headers: Record<string, string> = {}) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.send('GET', path, undefined, headers);
  }

  /** Posts a form; `_csrf` is taken from the last page unless given. */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.send('POST', path, new URLSearchParams(form).toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
  }

  async send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<PageResponse> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.base}${path}`, { method, body, redirect: 'manual', headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...headers } });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { status: res.status, headers: res.headers, body: await res.text(), setCookies };
  }
}

export const csrfOf = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
};
