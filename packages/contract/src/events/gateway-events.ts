import { buildEventSchemas } from './event-schemas.js';
import { type GatewayEventType, gatewayEventTypes } from './event-types.js';

const family = (prefix: string) =>
  gatewayEventTypes.filter((type) => type.startsWith(prefix)) as [
    GatewayEventType,
    ...GatewayEventType[],
  ];

/** The event types by the object they report on. */
export const eventFamilies = {
  payment: family('payment.'),
  refund: family('refund.'),
  payout: family('payout.'),
  checkout: family('checkout.session.'),
};

/** The body schema of each event family, as receivers parse it. */
export const eventSchemas = () => schemas();

interface EventBase {
  /** Unique event id; the same across delivery retries. De-duplicate on it. */
  id: string;
  /** ISO 8601 time of the state change. */
  timestamp: string;
  merchant_id: string;
  /** true in live mode (real money), false in test mode; absent from gateways before modes. */
  livemode?: boolean;
  metadata: Record<string, unknown>;
}

/** A payment event: the hosted-gateway integration guide's fields plus `id`. */
export interface PaymentEvent extends EventBase {
  event: Extract<GatewayEventType, `payment.${string}`>;
  payment_id: string;
  /** `PENDING`, `COMPLETED`, `FAILED`, `CANCELLED`, `EXPIRED`, or a newer status. */
  status: string;
  /** Integer minor units. */
  amount_cents: number;
  currency: string;
  provider: string;
  provider_reference: string | null;
  /** The M-Pesa receipt (e.g. `NLJ7RT61SV`) on `payment.completed`; `null` before. */
  receipt?: string | null;
  /** Why the payment did not complete (`1032`, `PROVIDER_UNCONFIRMED`, …); `null` otherwise. */
  failure_code?: string | null;
  /** A message fit to show the customer when it did not complete; `null` otherwise. */
  failure_message?: string | null;
}

/** A refund event (`refund.processed`, `refund.failed`). */
export interface RefundEvent extends EventBase {
  event: Extract<GatewayEventType, `refund.${string}`>;
  refund_id: string;
  payment_id: string;
  status: string;
  amount_cents: number;
  currency: string;
  /** `MPESA_REVERSAL` (full), `MPESA_B2C` (partial) or `CARD_REFUND`. */
  method?: string;
  /** M-Pesa's receipt on `refund.processed`; `null` before. */
  receipt?: string | null;
  /** Why the refund failed; `null` otherwise. */
  failure_code?: string | null;
  failure_message?: string | null;
}

/** A payout event (`payout.completed`, `payout.failed`). */
export interface PayoutEvent extends EventBase {
  event: Extract<GatewayEventType, `payout.${string}`>;
  payout_id: string;
  status: string;
  amount_cents: number;
  currency: string;
  provider_reference: string | null;
  /** The recipient phone (254XXXXXXXXX). */
  phone_number?: string;
  /** M-Pesa's receipt on `payout.completed`; `null` before. */
  receipt?: string | null;
  /** Why the payout failed (`1`, `2001`, `INSUFFICIENT_BALANCE`, `QUEUE_TIMEOUT`); `null` otherwise. */
  failure_code?: string | null;
  failure_message?: string | null;
}

/** A hosted checkout session event (`checkout.session.completed`, `checkout.session.expired`). */
export interface CheckoutSessionEvent extends EventBase {
  event: Extract<GatewayEventType, `checkout.session.${string}`>;
  session_id: string;
  /** The payment that completed the session; `null` on `checkout.session.expired`. */
  payment_id: string | null;
  /** `COMPLETED` or `EXPIRED`. */
  status: string;
  /** Integer minor units; absent from gateways before hosted checkout shipped. */
  amount_cents?: number;
  currency?: string;
}

/** An event type this version does not know yet; its fields are kept as received. */
export interface UnknownGatewayEvent extends Partial<EventBase> {
  event: string & {};
  [field: string]: unknown;
}

/** Every event the gateway sends, discriminated on `event`. */
export type GatewayEvent = PaymentEvent | RefundEvent | PayoutEvent | CheckoutSessionEvent;

/** The event type for one event name, e.g. `EventOfType<'payment.completed'>`. */
export type EventOfType<T extends GatewayEventType> = T extends `payment.${string}`
  ? PaymentEvent & { event: T }
  : T extends `refund.${string}`
    ? RefundEvent & { event: T }
    : T extends `payout.${string}`
      ? PayoutEvent & { event: T }
      : CheckoutSessionEvent & { event: T };

/**
 * Narrows a received event to one type. Comparing `event.event` alone cannot exclude
 * {@link UnknownGatewayEvent} (its name is any string); this guard can.
 *
 * @example
 * if (isEventType(event, 'payment.completed')) await fulfil(event.payment_id);
 */
export function isEventType<T extends GatewayEventType>(
  event: GatewayEvent | UnknownGatewayEvent,
  type: T,
): event is EventOfType<T> {
  return event.event === type;
}

// Built on first use, so bundles that only verify signatures carry no zod.
let cache: ReturnType<typeof buildSchemas> | undefined;
const schemas = () => {
  cache ??= buildSchemas();
  return cache;
};

function buildSchemas() {
  return buildEventSchemas(eventFamilies);
}

function schemaFor(type: string) {
  if (type.startsWith('payment.')) return schemas().payment;
  if (type.startsWith('refund.')) return schemas().refund;
  if (type.startsWith('payout.')) return schemas().payout;
  if (type.startsWith('checkout.session.')) return schemas().checkout;
  return undefined;
}

/** Thrown by {@link parseGatewayEvent} for a body that is not a well-formed event. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  /** Dotted path of the problem, `(root)` for the whole body. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`@malipo/contract: ${message}`);
    this.field = field;
  }
}

/**
 * Parses a verified payload into a {@link GatewayEvent}. Known types are checked against their
 * schema (a malformed one throws `invalid_payload`); unknown types pass as
 * {@link UnknownGatewayEvent} so an older receiver keeps working when the gateway adds events.
 */
export function parseGatewayEvent(payload: string | unknown): GatewayEvent | UnknownGatewayEvent {
  let value: unknown = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      throw new InvalidEventError('(root)', 'the body is not valid JSON.');
    }
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { event?: unknown }).event !== 'string'
  ) {
    throw new InvalidEventError('event', 'the body is not a gateway event (no "event" field).');
  }
  const type = (value as { event: string }).event;
  const schema = schemaFor(type);
  if (!schema || !(gatewayEventTypes as readonly string[]).includes(type))
    return value as UnknownGatewayEvent;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new InvalidEventError(
      field,
      `the ${type} event is malformed at \`${field}\`: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return { metadata: {}, ...parsed.data } as GatewayEvent;
}
