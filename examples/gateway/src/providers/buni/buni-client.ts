import { connectionNeverOpened } from '../breakers.js';

/** What BUNI answered for a charge. */
export interface BuniCharge {
  id: string;
  reference: string;
  status: 'succeeded' | 'declined' | 'authorized' | 'voided';
  decline_code: string | null;
  amount_captured: number;
}

/** What BUNI answered for a refund. */
export interface BuniRefund {
  id: string;
  reference: string;
  amount: number;
}

/**
 * BUNI could not be reached or did not answer in time (a connection failure, a timeout, a 5xx):
 * the charge may or may not exist. Charges are idempotent by reference, so asking again is safe.
 */
export class BuniUnavailableError extends Error {
  override readonly name = 'BuniUnavailableError';
  constructor(
    message: string,
    /** The connection never opened: BUNI certainly received nothing. */
    readonly neverSent = false,
    /** BUNI answered (a 5xx): the request is over, so a lookup by reference is conclusive. */
    readonly answered = false,
  ) {
    super(message);
  }
}

/** BUNI refused the request itself (4xx): no charge was made. */
export class BuniRefusedError extends Error {
  override readonly name = 'BuniRefusedError';
}

export interface BuniClient {
  /** Charges the card for the payment `reference` (idempotent: the same reference, one charge). */
  charge(input: {
    reference: string;
    amountCents: number;
    currency: string;
    card: { number: string; expMonth: number; expYear: number; cvv: string };
    /** false: authorise only, for a later capture or void. @default true */
    capture?: boolean;
  }): Promise<BuniCharge>;
  /** Captures all or part of an authorisation (the rest is released); idempotent. */
  capture(chargeId: string, amountCents: number): Promise<BuniCharge>;
  /** Releases an authorisation; idempotent. */
  void(chargeId: string): Promise<BuniCharge>;
  /** Refunds part or all of a captured charge; idempotent by `reference` (the refund id). */
  refund(chargeId: string, input: { reference: string; amountCents: number }): Promise<BuniRefund>;
  /** The charge made for `reference`, or undefined when there is none. */
  findCharge(reference: string): Promise<BuniCharge | undefined>;
}

/** The answer's body, or `BuniRefusedError` naming BUNI's reason for a 4xx. */
async function answer<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new BuniRefusedError(
      `BUNI refused ${what} (${response.status}): ${body?.error?.message ?? 'no reason given'}`,
    );
  }
  return (await response.json()) as T;
}

/** A small fetch client for BUNI's card API; the card travels in the request body only. */
export function createBuniClient(options: {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
}): BuniClient {
  const call = async (path: string, init: RequestInit = {}) => {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${options.secret}`,
          'content-type': 'application/json',
        },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch (error) {
      throw new BuniUnavailableError(
        `BUNI did not answer: ${(error as Error).name}`,
        connectionNeverOpened(error),
      );
    }
    if (response.status >= 500) {
      throw new BuniUnavailableError(`BUNI answered ${response.status}`, false, true);
    }
    return response;
  };
  return {
    async charge(input) {
      const response = await call('/v1/charges', {
        method: 'POST',
        body: JSON.stringify({
          reference: input.reference,
          amount: input.amountCents,
          currency: input.currency,
          card: {
            number: input.card.number,
            exp_month: input.card.expMonth,
            exp_year: input.card.expYear,
            cvc: input.card.cvv,
          },
          capture: input.capture ?? true,
        }),
      });
      return answer<BuniCharge>(response, 'the charge');
    },
    async capture(chargeId, amountCents) {
      const response = await call(`/v1/charges/${chargeId}/capture`, {
        method: 'POST',
        body: JSON.stringify({ amount: amountCents }),
      });
      return answer<BuniCharge>(response, 'the capture');
    },
    async void(chargeId) {
      const response = await call(`/v1/charges/${chargeId}/void`, { method: 'POST', body: '{}' });
      return answer<BuniCharge>(response, 'the void');
    },
    async refund(chargeId, input) {
      const response = await call(`/v1/charges/${chargeId}/refunds`, {
        method: 'POST',
        body: JSON.stringify({ reference: input.reference, amount: input.amountCents }),
      });
      return answer<BuniRefund>(response, 'the refund');
    },
    async findCharge(reference) {
      const response = await call(`/v1/charges?reference=${encodeURIComponent(reference)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new BuniUnavailableError(`BUNI answered ${response.status}`);
      return (await response.json()) as BuniCharge;
    },
  };
}
