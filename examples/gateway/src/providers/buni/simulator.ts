import { randomBytes } from 'node:crypto';
import { testCards } from '../../cards/card-number.js';

/** A charge as the simulated acquirer keeps it (never the card number or CVV). */
export interface SimulatedCharge {
  id: string;
  reference: string;
  /** `authorized` holds `amount` until captured (all or part) or voided. */
  status: 'succeeded' | 'declined' | 'authorized' | 'voided';
  decline_code: string | null;
  amount: number;
  /** What was captured (the rest of an authorisation is released). */
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  last4: string;
}

/** A refund of a charge, idempotent by the caller's reference. */
export interface SimulatedRefund {
  id: string;
  reference: string;
  charge: string;
  amount: number;
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
  const byId = new Map<string, SimulatedCharge>();
  const refunds = new Map<string, SimulatedRefund>();
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
    const action = /^\/v1\/charges\/(ch_[0-9a-f]+)\/(capture|void|refunds)$/.exec(url.pathname);
    if (request.method === 'POST' && action) {
      return chargeAction(byId.get(action[1] as string), action[2] as string, request);
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
      capture?: boolean;
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
    const approved = outcome === 'succeeded';
    const charge: SimulatedCharge = {
      id: `ch_${randomBytes(10).toString('hex')}`,
      reference: body.reference,
      status: !approved ? 'declined' : body.capture === false ? 'authorized' : 'succeeded',
      decline_code: approved ? null : outcome,
      amount: body.amount as number,
      amount_captured: approved && body.capture !== false ? (body.amount as number) : 0,
      amount_refunded: 0,
      currency: body.currency,
      last4: number.slice(-4),
    };
    charges.set(charge.reference, charge);
    byId.set(charge.id, charge);
    if (fault?.status) return unavailable();
    return json(charge, 201);
  }

  /** Capture (all or part; the rest released), void, or refund (idempotent by reference). */
  async function chargeAction(
    charge: SimulatedCharge | undefined,
    action: string,
    request: Request,
  ): Promise<Response> {
    if (!charge) return json({ error: { code: 'not_found', message: 'No such charge.' } }, 404);
    const body = ((await request.json().catch(() => null)) ?? {}) as {
      amount?: number;
      reference?: string;
    };
    const refuse = (message: string) => json({ error: { code: 'invalid_state', message } }, 400);
    if (action === 'capture') {
      if (charge.status === 'succeeded') return json(charge);
      if (charge.status !== 'authorized') return refuse(`The charge is ${charge.status}.`);
      const amount = body.amount ?? charge.amount;
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > charge.amount) {
        return refuse('amount must be positive and at most what was authorised.');
      }
      charge.status = 'succeeded';
      charge.amount_captured = amount;
      return json(charge);
    }
    if (action === 'void') {
      if (charge.status === 'voided') return json(charge);
      if (charge.status !== 'authorized') return refuse(`The charge is ${charge.status}.`);
      charge.status = 'voided';
      return json(charge);
    }
    const reference = body.reference ?? '';
    const existing = refunds.get(reference);
    if (existing) return json(existing);
    const amount = body.amount ?? 0;
    if (charge.status !== 'succeeded') return refuse(`The charge is ${charge.status}.`);
    if (!reference || !Number.isSafeInteger(amount) || amount <= 0) {
      return refuse('reference and a positive amount are required.');
    }
    if (amount > charge.amount_captured - charge.amount_refunded) {
      return refuse('amount is more than is left to refund.');
    }
    charge.amount_refunded += amount;
    const refund = {
      id: `rf_${randomBytes(10).toString('hex')}`,
      reference,
      charge: charge.id,
      amount,
    };
    refunds.set(reference, refund);
    return json(refund, 201);
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
