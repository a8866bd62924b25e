import type { CreateCheckoutSessionRequest } from '@malipo/contract';
import { normalizePhone } from '@malipo/daraja';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import {
  type CheckoutSessionRow,
  findCheckoutSession,
  insertCheckoutSession,
} from '../stores/checkout-sessions-store.js';
import type { Scope } from '../stores/rows.js';

/** A session lives 30 minutes unless asked otherwise; 1 minute to 24 hours. */
export const sessionLifetime = { defaultSeconds: 1800, minSeconds: 60, maxSeconds: 86_400 };

/** When the session expires, from `expires_in_seconds` or `expires_at` (never both). */
function expiryOf(input: CreateCheckoutSessionRequest, now: number): Date {
  if (input.expires_at !== undefined && input.expires_in_seconds !== undefined) {
    throw new DomainError(
      'INVALID_REQUEST',
      'Give expires_at or expires_in_seconds, not both.',
      'expires_at',
    );
  }
  if (input.expires_at === undefined) {
    return new Date(now + (input.expires_in_seconds ?? sessionLifetime.defaultSeconds) * 1000);
  }
  const at = Date.parse(input.expires_at);
  const seconds = (at - now) / 1000;
  if (seconds < sessionLifetime.minSeconds || seconds > sessionLifetime.maxSeconds) {
    throw new DomainError(
      'INVALID_REQUEST',
      `expires_at must be 60 seconds to 24 hours from now (it is ${Math.round(seconds)} s away).`,
      'expires_at',
    );
  }
  return new Date(at);
}

/** A live session sends real customers to these addresses: https only (http is for testing). */
function checkLiveUrls(input: CreateCheckoutSessionRequest): void {
  const fields: [string, string | undefined][] = [
    ['success_url', input.success_url],
    ['cancel_url', input.cancel_url],
    ['failure_url', input.failure_url],
    ...(input.allowed_origins ?? []).map((origin, i): [string, string] => [
      `allowed_origins.${i}`,
      origin,
    ]),
  ];
  for (const [field, value] of fields) {
    if (value !== undefined && !value.startsWith('https://')) {
      throw new DomainError(
        'INVALID_REQUEST',
        `${field} must be an https address in live mode (http is accepted in test mode).`,
        field,
      );
    }
  }
}

/** The same money rules as an M-Pesa payment, checked before a session is offered to anyone. */
function checkAmount(input: CreateCheckoutSessionRequest): void {
  if (input.currency !== 'KES') {
    throw new DomainError(
      'INVALID_CURRENCY',
      'Hosted checkout takes M-Pesa payments in KES: set currency to "KES".',
      'currency',
    );
  }
  if (input.amount_cents % 100 !== 0 || input.amount_cents > 25_000_000) {
    throw new DomainError(
      'INVALID_AMOUNT',
      'M-Pesa takes whole shillings up to KES 250,000: amount_cents must be a multiple of 100, at most 25000000.',
      'amount_cents',
    );
  }
}

function customerPhone(input: CreateCheckoutSessionRequest): string | null {
  const raw = input.customer?.phone_number;
  if (raw === undefined) return null;
  try {
    return normalizePhone(raw);
  } catch {
    throw new DomainError(
      'INVALID_PHONE',
      'customer.phone_number must be a Kenyan mobile number: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
      'customer.phone_number',
    );
  }
}

/**
 * Creates a hosted checkout session in the key's mode. Everything the hosted page will need is
 * checked now (amount, currency, phone, the mode's M-Pesa set-up), so a customer never meets a
 * session that cannot be paid.
 */
export async function createCheckoutSession(
  deps: { db: Database; mpesa: MpesaModes },
  merchant: Scope,
  input: CreateCheckoutSessionRequest,
  idempotency: IdempotencyScope,
): Promise<CheckoutSessionRow> {
  checkAmount(input);
  if (merchant.mode === 'live') checkLiveUrls(input);
  const phone = customerPhone(input);
  const expiresAt = expiryOf(input, Date.now());
  // A live key without production credentials stops here.
  deps.mpesa.forMode(merchant.mode);
  if (idempotency.recoveredResourceId) {
    return (await findCheckoutSession(
      deps.db,
      idempotency.recoveredResourceId,
    )) as CheckoutSessionRow;
  }
  const id = newId('cs');
  return deps.db.transaction(async (tx) => {
    const session = await insertCheckoutSession(tx, {
      id,
      scope: merchant,
      amountCents: input.amount_cents,
      currency: input.currency,
      description: input.description ?? null,
      successUrl: input.success_url,
      cancelUrl: input.cancel_url,
      failureUrl: input.failure_url ?? null,
      allowedOrigins: [...new Set(input.allowed_origins ?? [])],
      locale: input.locale ?? 'en',
      customerPhone: phone,
      metadata: input.metadata ?? {},
      expiresAt,
    });
    await idempotency.attach?.(tx, id);
    return session;
  });
}
