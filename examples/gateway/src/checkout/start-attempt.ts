import { normalizePhone } from '@malipo/daraja';
import { DomainError } from '../errors/domain-error.js';
import { noIdempotencyScope } from '../idempotency/idempotency.js';
import {
  type CreatePaymentOutcome,
  createPayment,
  type PaymentDeps,
} from '../payments/create-payment.js';
import {
  attemptInFlight,
  type CheckoutSessionRow,
  countCheckoutAttempt,
  findCheckoutSession,
  latestSessionPayment,
  lockCheckoutSession,
} from '../stores/checkout-sessions-store.js';
import { cents } from '../stores/rows.js';
import { maxAttempts } from './page-state.js';
import type { PhoneBudget } from './phone-budget.js';

/** The attempt that holds a session, as `latestSessionPayment` reads it. */
type Latest = Awaited<ReturnType<typeof latestSessionPayment>>;

/** Why a session cannot take an attempt now, or undefined when it can. */
function refusal(
  session: CheckoutSessionRow,
  held: boolean,
  latest: Latest,
): DomainError | undefined {
  if (session.status === 'COMPLETED') {
    return new DomainError('INVALID_STATE', 'This checkout is already paid.', 'session_id');
  }
  if (session.status === 'EXPIRED' || new Date(session.expires_at).getTime() <= Date.now()) {
    return new DomainError(
      'INVALID_STATE',
      'This checkout has expired: ask the merchant for a new payment link.',
      'session_id',
    );
  }
  if (held) {
    if (latest?.flagged) {
      return new DomainError(
        'INVALID_STATE',
        'A payment on this checkout needs a check by the merchant: do not pay again; the merchant will contact you.',
        'session_id',
      );
    }
    if (latest?.unconfirmed) {
      return new DomainError(
        'INVALID_STATE',
        'M-Pesa did not confirm the last request: if your phone shows a prompt, answer it. Otherwise try again in a few minutes.',
        'session_id',
      );
    }
    return new DomainError(
      'INVALID_STATE',
      'A payment request is already waiting on the phone: enter the M-Pesa PIN, or wait for it to time out before trying again.',
      'session_id',
    );
  }
  if (session.attempts >= maxAttempts) {
    return new DomainError(
      'INVALID_STATE',
      `This checkout allows ${maxAttempts} attempts and all were used: ask the merchant for a new payment link.`,
      'session_id',
    );
  }
  return undefined;
}

function customerPhone(raw: unknown): string {
  try {
    if (typeof raw !== 'string') throw new TypeError('not text');
    return normalizePhone(raw);
  } catch {
    throw new DomainError(
      'INVALID_PHONE',
      'Enter a Safaricom number such as 0712 345 678 (07…, 01…, 2547… and +254… are accepted).',
      'phone_number',
    );
  }
}

/**
 * Starts a payment attempt from the hosted page: an STK push to `phone` for the session's
 * amount, in the session's mode, as the session's merchant. The session is locked while the
 * attempt is recorded, and refuses a second attempt while one is in flight (the database allows
 * only one), so a double tap or a retry never prompts the customer twice. Each phone gets at most
 * a few prompts in ten minutes from hosted pages, whatever the sessions.
 */
export async function startCheckoutAttempt(
  deps: PaymentDeps & { phoneBudget: PhoneBudget },
  sessionId: string,
  phoneNumber: unknown,
): Promise<CreatePaymentOutcome> {
  const session = await findCheckoutSession(deps.db, sessionId);
  if (!session) {
    throw new DomainError('NOT_FOUND', `No checkout session ${sessionId}.`, 'session_id');
  }
  const early = refusal(
    session,
    await attemptInFlight(deps.db, sessionId),
    await latestSessionPayment(deps.db, sessionId),
  );
  if (early) throw early;
  const phone = customerPhone(phoneNumber);
  const giveBack = await deps.phoneBudget(phone, session.mode);
  let admitted = false;
  return createPayment(
    deps,
    { merchantId: session.merchant_id, mode: session.mode },
    {
      amount_cents: cents(session.amount_cents),
      currency: session.currency,
      provider: 'MPESA_SAFARICOM',
      // The session's metadata, the phone M-Pesa needs, the session (so payment webhooks name
      // it) and the description (the M-Pesa prompt's TransactionDesc).
      metadata: {
        ...session.metadata,
        phone_number: phone,
        checkout_session_id: session.id,
        ...(session.description ? { description: session.description } : {}),
      },
    },
    noIdempotencyScope,
    {
      checkoutSessionId: session.id,
      async claim(tx) {
        const locked = await lockCheckoutSession(tx, sessionId);
        // Read after the lock: an attempt committed by whoever held it is seen here.
        const refused =
          locked &&
          refusal(
            locked,
            await attemptInFlight(tx, sessionId),
            await latestSessionPayment(tx, sessionId),
          );
        if (refused) throw refused;
        await countCheckoutAttempt(tx, sessionId);
        admitted = true;
      },
    },
  ).catch(async (error: unknown) => {
    // Refused before anything was sent (a double tap or a second tab the session turned away,
    // the merchant's queue): the phone's prompt is given back, so such taps cannot lock a phone
    // out of hosted checkouts.
    if (!admitted) await giveBack();
    throw error;
  });
}
