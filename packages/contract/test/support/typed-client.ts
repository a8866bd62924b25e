import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi-types.js';

/**
 * An openapi-fetch client typed with the generated types of docs/openapi.json. Lives here so
 * the gateway's tests use it without a dependency of their own on openapi-fetch.
 */
export const createTypedClient = (baseUrl: string, headers: Record<string, string>) =>
  createClient<paths>({ baseUrl, headers });
