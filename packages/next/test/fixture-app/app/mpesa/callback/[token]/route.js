import { darajaCallback } from '@malipo/next/daraja';
import { perTest } from '../../../../lib/per-test';

export const POST = perTest((options) =>
  darajaCallback({
    ...options.daraja,
    // The test client sends no X-Forwarded-For, so Next fills it from the socket. In
    // production read a header your platform overwrites instead (x-real-ip on Vercel).
    getRemoteAddress: (request) => request.headers.get('x-forwarded-for'),
  }),
);
