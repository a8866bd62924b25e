import type {
  CapturePaymentRequest,
  CreatePaymentRequest,
  CreatePaymentResponse,
  CreateRefundRequest,
  ListPaymentsQuery,
  Payment,
  Refund,
} from '@malipo/contract';
import {
  MalipoResponseValidationError,
  MalipoTimeoutError,
  MalipoValidationError,
} from '../errors/client-errors.js';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** Options of `payments.waitFor`. */
export interface WaitForOptions {
  /** Give up after this many ms (a whole number, at most 2147483647). @default 120000 */
  timeout?: number | undefined;
  /** Time between polls in ms (a whole number from 10). @default 2000 */
  interval?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A `waitFor` option: a whole number of ms within what a timer can hold. */
function waitOption(name: 'timeout' | 'interval', value: unknown, fallback: number, min: number) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2 ** 31 - 1)
    throw new MalipoValidationError(
      name,
      `must be a whole number of ms from ${min} to 2147483647.`,
    );
  return value;
}

/** Payments: create (M-Pesa STK push or card), retrieve, list, query, capture, void, refund, waitFor. */
export class Payments extends Resource {
  /**
   * Creates a payment. An idempotency key is attached (or yours is used) and reused across
   * retries, so one call makes at most one payment.
   */
  create(
    body: CreatePaymentRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<CreatePaymentResponse>> {
    return this.request('createPayment', { ...options, body });
  }

  /** Retrieves a payment as the gateway last recorded it (no call to the provider). */
  retrieve(paymentId: string, options?: RequestOptions): Promise<WithResponse<Payment>> {
    return this.request('retrievePayment', { ...options, params: { payment_id: paymentId } });
  }

  /** Lists payments newest first; `await` for a page or `for await` over every payment. */
  list(query: ListPaymentsQuery = {}, options?: RequestOptions): PagePromise<Payment> {
    return this.paginate('listPayments', { ...options, query });
  }

  /** Asks the provider now (manual STK query) and returns the payment, settled if it is. */
  query(paymentId: string, options?: RequestOptions): Promise<WithResponse<Payment>> {
    return this.request('queryPayment', { ...options, params: { payment_id: paymentId } });
  }

  /** Captures an authorised card payment (`capture_method: 'manual'`), all or `amount_cents`. */
  capture(
    paymentId: string,
    body: CapturePaymentRequest = {},
    options?: RequestOptions,
  ): Promise<WithResponse<Payment>> {
    return this.request('capturePayment', {
      ...options,
      params: { payment_id: paymentId },
      body,
    });
  }

  /** Releases an authorised card payment (`capture_method: 'manual'`) without capturing it. */
  void(paymentId: string, options?: RequestOptions): Promise<WithResponse<Payment>> {
    return this.request('voidPayment', {
      ...options,
      params: { payment_id: paymentId },
      body: {},
    });
  }

  /** Refunds all (no amount) or part of a payment. */
  refund(
    paymentId: string,
    body: CreateRefundRequest = {},
    options?: RequestOptions,
  ): Promise<WithResponse<Refund>> {
    return this.request('createRefund', {
      ...options,
      params: { payment_id: paymentId },
      body,
    });
  }

  /**
   * Polls until the payment leaves `PENDING`, for CLIs, scripts and tests. In a web app,
   * prefer webhooks.
   */
  async waitFor(paymentId: string, options: WaitForOptions = {}): Promise<WithResponse<Payment>> {
    const timeout = waitOption('timeout', options.timeout, 120_000, 1);
    // Polls at most 100 times a second: a smaller interval would hammer the gateway.
    const interval = waitOption('interval', options.interval, 2_000, 10);
    const deadline = Date.now() + timeout;
    // The last poll's error (a 429 past the deadline, say) is the cause: it may be why.
    const expired = (cause?: unknown) =>
      new MalipoTimeoutError(
        'wait_timeout',
        `payment ${paymentId} did not leave PENDING within ${timeout} ms.`,
        cause === undefined ? undefined : { cause },
      );
    let lastPoll = false;
    for (;;) {
      options.signal?.throwIfAborted();
      // Each poll ends by the deadline too: a hanging request does not outlive `timeout`.
      const left = deadline - Date.now();
      if (left <= 0) throw expired();
      const poll = AbortSignal.timeout(left);
      let payment: WithResponse<Payment>;
      try {
        payment = await this.retrieve(paymentId, {
          signal: options.signal ? AbortSignal.any([options.signal, poll]) : poll,
        });
      } catch (error) {
        if (poll.aborted && !options.signal?.aborted) throw expired(error);
        throw error;
      }
      if (typeof payment.status !== 'string') {
        throw new MalipoResponseValidationError(
          `GET /api/v1/payments/{payment_id} answered a payment without a status string; waitFor cannot tell whether ${paymentId} settled.`,
          payment,
          payment.$response.requestId,
        );
      }
      if (payment.status !== 'PENDING') return payment;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || lastPoll) {
        throw new MalipoTimeoutError(
          'wait_timeout',
          `payment ${paymentId} is still ${payment.status} after ${timeout} ms.`,
          { requestId: payment.$response.requestId },
        );
      }
      // The next poll is the last when the deadline comes first: it is made just before, with
      // half the time left (at most 1 s) to answer, so a payment settling meanwhile is seen.
      lastPoll = remaining <= interval;
      await sleep(lastPoll ? remaining - Math.min(1_000, remaining / 2) : interval, options.signal);
    }
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
