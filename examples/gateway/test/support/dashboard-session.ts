import { randomBytes } from 'node:crypto';

/**
 * A signed-in dashboard over plain HTTP: its cookie, and its forms' CSRF token. Each post is a
 * form sent from a freshly loaded page: it carries a new one-time `_once` value unless `fields`
 * names one (to send the same form again, or none with `_once: ''`).
 */
export interface DashboardHttp {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** Spends a one-time sign-in link the way the page's button does, and reads the CSRF token. */
export async function signInOverHttp(baseUrl: string, loginLink: string): Promise<DashboardHttp> {
  const origin = new URL(baseUrl).origin;
  const signedIn = await fetch(loginLink, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const get = (path: string) =>
    fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  const page = await (await get('/dashboard/keys')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return {
    cookie,
    csrf,
    get,
    post: (path, fields, headers = {}) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          cookie,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams({
          _once: randomBytes(18).toString('base64url'),
          ...fields,
        }).toString(),
        redirect: 'manual',
      }),
  };
}
