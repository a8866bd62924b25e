import { randomBytes } from 'node:crypto';
import { testCards } from '../../cards/card-number.js';

/** A charge as the simulated acquirer keeps it (never the card number or CVV). */
export interface SimulatedCharge {
  id: string;
  reference: string;
  status: 'succeeded' | 'declined';
  decline_code: string | null;
  amount: number;
  currency: string;
  last4: string;
}

/**
 * A fault for the next charge request: an error status instead of an answer (with `afterCharge`,
 * the charge is made first: the answer is what gets lost), or a hang before answering.
 */
export interface BuniFault {
  status?: number;
  afterCharge?: boolean;
  hangMs?: number;
}

/**
 * A card acquirer for BUNI in test mode, behind an HTTP boundary like the Daraja simulator: the
 * gateway sends it the card (as it would a real acquirer) and gets a charge back. Charges are
 * idempotent by the caller's `reference` (the payment id), so asking twice never charges twice.
 * The guide's test cards decide the outcome; any other number is declined.
 */
export function createBuniSimulator(options: { secret: string }) {
  const charges = new Map<string, SimulatedCharge>();
  const faults: BuniFault[] = [];
  let requests = 0;
  const json = (body: unknown, status = 200) => Response.json(body, { status });

  async function handle(request: Request): Promise<Response> {
    requests++;
    if (request.headers.get('authorization') !== `Bearer ${options.secret}`) {
      return json({ error: { code: 'unauthorized', message: 'Bad API secret.' } }, 401);
    }
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/v1/charges') {
      const found = charges.get(url.searchParams.get('reference') ?? '');
      return found
        ? json(found)
        : json({ error: { code: 'not_found', message: 'No such charge.' } }, 404);
    }
    if (request.method !== 'POST' || url.pathname !== '/v1/charges') {
      return json({ error: { code: 'not_found', message: 'No such route.' } }, 404);
    }
    const fault = faults.shift();
    if (fault?.hangMs) await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
    const unavailable = () =>
      json({ error: { code: 'unavailable', message: 'Try later.' } }, fault?.status ?? 503);
    if (fault?.status && !fault.afterCharge) return unavailable();
    const body = (await request.json().catch(() => null)) as {
      reference?: string;
      amount?: number;
      currency?: string;
      card?: { number?: string };
    } | null;
    const number = body?.card?.number ?? '';
    if (!body?.reference || !Number.isSafeInteger(body.amount) || !body.currency || !number) {
      return json(
        {
          error: {
            code: 'invalid_request',
            message: 'reference, amount, currency and card are required.',
          },
        },
        400,
      );
    }
    const existing = charges.get(body.reference);
    if (existing) return json(existing);
    const outcome = testCards[number]?.outcome ?? 'card_declined';
    const charge: SimulatedCharge = {
      id: `ch_${randomBytes(10).toString('hex')}`,
      reference: body.reference,
      status: outcome === 'succeeded' ? 'succeeded' : 'declined',
      decline_code: outcome === 'succeeded' ? null : outcome,
      amount: body.amount as number,
      currency: body.currency,
      last4: number.slice(-4),
    };
    charges.set(charge.reference, charge);
    if (fault?.status) return unavailable();
    return json(charge, 201);
  }

  return {
    handle,
    /** Makes the next charge request fail (or hang) as described. */
    failNext(fault: BuniFault) {
      faults.push(fault);
    },
    /** Requests received, answered or not. */
    requests: () => requests,
    charge: (reference: string) => charges.get(reference),
  };
}

export type BuniSimulator = ReturnType<typeof createBuniSimulator>;
