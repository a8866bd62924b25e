import {
  type GatewayEvent,
  type GatewayEventType,
  gatewayEventTypes,
  parseGatewayEvent,
} from '@malipo/contract';
import { CliUsageError } from '../errors/cli-error.js';
import { randomId } from './test-ids.js';

/** Options of {@link buildTestEvent}. */
export interface BuildTestEventOptions {
  /** Fields laid over the built event (shallow), e.g. `{ amount_cents: 250_000 }`. */
  data?: Record<string, unknown> | undefined;
  /** The event's time. @default new Date() */
  now?: Date | undefined;
}

/** Whether `type` is an event type the gateway sends (`@malipo/contract`'s list). */
export function isGatewayEventType(type: string): type is GatewayEventType {
  return (gatewayEventTypes as readonly string[]).includes(type);
}

/**
 * A realistic test event of `type`, in the fields the gateway sends (examples/gateway's
 * `emit-event.ts`), checked against `@malipo/contract`'s event schema before it is returned.
 * Throws {@link CliUsageError} for an unknown type or `data` the schema refuses.
 *
 * @example
 * const event = buildTestEvent('payment.completed', { data: { amount_cents: 5_000 } });
 */
export function buildTestEvent(type: string, options: BuildTestEventOptions = {}): GatewayEvent {
  if (!isGatewayEventType(type)) {
    throw new CliUsageError(
      `unknown event type "${type}"; use one of ${gatewayEventTypes.join(', ')}.`,
    );
  }
  const base = {
    id: randomId('evt'),
    event: type,
    merchant_id: randomId('mer'),
    livemode: false,
    timestamp: (options.now ?? new Date()).toISOString(),
    metadata: { order_reference: 'ORDER-1042' },
  };
  const built: Record<string, unknown> = { ...base, ...fieldsOf(type) };
  for (const [field, value] of Object.entries(options.data ?? {})) {
    // The type and its status come from the argument; a field the event lacks is a typo.
    if (field === 'event' || (field === 'status' && value !== built.status)) {
      throw new CliUsageError(
        `--data cannot set ${field}: a ${type} event has ${field} ${JSON.stringify(built[field])}; name another event type instead.`,
      );
    }
    if (!Object.hasOwn(built, field)) {
      throw new CliUsageError(
        `--data names "${field.slice(0, 64)}", which a ${type} event does not have; its fields are ${Object.keys(built).join(', ')}.`,
      );
    }
  }
  const event = { ...built, ...options.data };
  try {
    return parseGatewayEvent(event) as GatewayEvent;
  } catch (error) {
    throw new CliUsageError(
      `--data makes a ${type} event the contract refuses: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

const failed = (code: string, message: string) => ({
  receipt: null,
  failure_code: code,
  failure_message: message,
});
const succeeded = (receipt: string) => ({ receipt, failure_code: null, failure_message: null });

function fieldsOf(type: GatewayEventType): Record<string, unknown> {
  const [family, ...rest] = type.split('.');
  const outcome = rest.at(-1) as string;
  if (family === 'payment') {
    // payment.captured reports a card payment whose authorisation was captured.
    const card = outcome === 'captured';
    const status = card ? 'COMPLETED' : outcome.toUpperCase();
    return {
      payment_id: randomId('pay'),
      status,
      amount_cents: 10_000,
      currency: 'KES',
      provider: card ? 'BUNI' : 'MPESA_SAFARICOM',
      provider_reference: card ? randomId('auth') : 'ws_CO_191220191020363925',
      ...(status === 'COMPLETED'
        ? succeeded(card ? randomId('cap') : 'NLJ7RT61SV')
        : status === 'PENDING'
          ? { receipt: null, failure_code: null, failure_message: null }
          : failed(
              { FAILED: '1', CANCELLED: '1032', EXPIRED: '1037' }[status] ?? '1',
              {
                FAILED: 'The balance is insufficient for the transaction.',
                CANCELLED: 'Request cancelled by user',
                EXPIRED: 'DS timeout user cannot be reached',
              }[status] ?? 'The payment did not complete.',
            )),
    };
  }
  if (family === 'refund') {
    const ok = outcome === 'processed';
    return {
      refund_id: randomId('re'),
      payment_id: randomId('pay'),
      status: ok ? 'PROCESSED' : 'FAILED',
      amount_cents: 5_000,
      currency: 'KES',
      method: 'MPESA_REVERSAL',
      ...(ok ? succeeded('TGR3HYT7CK') : failed('R000002', 'The reversal was refused.')),
    };
  }
  if (family === 'payout') {
    const ok = outcome === 'completed';
    return {
      payout_id: randomId('po'),
      status: ok ? 'COMPLETED' : 'FAILED',
      amount_cents: 50_000,
      currency: 'KES',
      provider_reference: 'AG_20191219_00005797af5d7d75f652',
      phone_number: '254712345678',
      ...(ok ? succeeded('NLJ41HAY6Q') : failed('2001', 'The initiator information is invalid.')),
    };
  }
  const completed = outcome === 'completed';
  return {
    session_id: randomId('cs'),
    payment_id: completed ? randomId('pay') : null,
    status: completed ? 'COMPLETED' : 'EXPIRED',
    amount_cents: 10_000,
    currency: 'KES',
  };
}
