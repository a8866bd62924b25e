import { darajaCallback } from '@malipo/next/daraja';
import { perTest } from '../../../../../lib/per-test';

// The mistake: the route reads the body, then hands the used request on.
export const POST = perTest((options) => {
  const handler = darajaCallback({
    ...options.daraja,
    getRemoteAddress: (request) => request.headers.get('x-forwarded-for'),
  });
  return async (request) => {
    await request.json().catch(() => undefined);
    return handler(request);
  };
});
