import type { MiddlewareHandler } from 'hono';
import { newId } from '../ids/ids.js';
import type { AppEnv } from './app-env.js';

const acceptable = /^[A-Za-z0-9._-]{1,64}$/;

/** Every answer carries `X-Request-Id`: the caller's when it is sane, else a new one. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && acceptable.test(incoming) ? incoming : newId('req');
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
