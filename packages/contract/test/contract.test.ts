import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CreatePaymentRequest,
  createPaymentRequest,
  createPaymentResponse,
  errorEnvelope,
  type GatewayEvent,
  InvalidEventError,
  isEventType,
  type ListPaymentsQuery,
  listPaymentsQuery,
  type Payment,
  type PaymentStatus,
  parseGatewayEvent,
  paymentResponse,
  routes,
  type UnknownGatewayEvent,
} from '../src/index.js';

// The body of seed 000's first curl example, verbatim.
const seedCurlBody = {
  amount_cents: 10000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678', description: 'Test Payment' },
  callback_url: 'https://your-domain.com/webhook',
};

// Seed 000's documented "Expected Response", verbatim.
const seedResponse = {
  success: true,
  payment_id: 'pay_clx1234567890',
  status: 'PENDING',
  provider_reference: 'MPE2026020712345',
  created_at: '2026-02-07T03:15:30Z',
};

const paymentBody = {
  payment_id: 'pay_1',
  merchant_id: 'mer_1',
  status: 'COMPLETED',
  amount_cents: 10000,
  amount_captured_cents: 10000,
  amount_refunded_cents: 0,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  provider_reference: 'ws_CO_1',
  receipt: 'NLJ7RT61SV',
  metadata: {},
  created_at: '2026-02-07T03:15:30Z',
  updated_at: '2026-02-07T03:15:40Z',
};

describe('seed 000 surface', () => {
  it("accepts seed 000's curl body and parses its documented response", () => {
    expect(createPaymentRequest.parse(seedCurlBody)).toEqual(seedCurlBody);
    expect(createPaymentResponse.parse(seedResponse)).toEqual(seedResponse);
  });

  it('keeps seed 000 paths as aliases of the /api/v1 routes', () => {
    expect(routes.createPayment).toMatchObject({
      method: 'POST',
      path: '/api/v1/payments',
      aliases: ['/api/payments/create'],
    });
    expect(routes.retrievePayment.aliases).toEqual(['/api/payments/{payment_id}']);
    expect(routes.listPayments.aliases).toEqual(['/api/payments']);
    expect(routes.createPayout.aliases).toEqual(['/api/payouts/create']);
    expect(routes.retrievePayout.aliases).toEqual(['/api/payouts/{payout_id}']);
  });

  it('parses the error envelope with its field', () => {
    const body = {
      success: false,
      error: {
        code: 'INVALID_PHONE',
        message: 'Phone number must be in format 254XXXXXXXXX',
        field: 'metadata.phone_number',
      },
    };
    expect(errorEnvelope.parse(body)).toEqual(body);
  });
});

describe('strict input', () => {
  it.each([
    [{ ...seedCurlBody, amount_cents: 100.5 }, 'amount_cents'],
    [{ ...seedCurlBody, amount_cents: -1 }, 'amount_cents'],
    [{ ...seedCurlBody, amount_cents: '10000' }, 'amount_cents'],
    [{ ...seedCurlBody, currency: 'kes' }, 'currency'],
    [{ ...seedCurlBody, provider: 'PAYPAL' }, 'provider'],
    [{ ...seedCurlBody, callback_url: 'not a url' }, 'callback_url'],
    [{ ...seedCurlBody, amount: 100 }, ''],
    [{ ...seedCurlBody, metadata: { phone_number: 254712345678 } }, 'metadata.phone_number'],
  ])('rejects %j at %s', (body, path) => {
    const result = createPaymentRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(path);
  });
});

describe('list queries', () => {
  it.each(['20', 20, '1', '100', '007'])('limit %j is a page size', (limit) => {
    expect(listPaymentsQuery.parse({ limit })).toEqual({ limit: Number(limit) });
  });

  it.each(['1e1', ' 20', '20 ', '0x14', '20.0', '+20', '', 'Infinity', '0', '101', 20.5, true, []])(
    'limit %j is refused, naming the range',
    (limit) => {
      const result = listPaymentsQuery.safeParse({ limit });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]).toMatchObject({
        path: ['limit'],
        message: 'limit must be a whole number from 1 to 100.',
      });
    },
  );
});

describe('lenient output', () => {
  it('an unknown status or provider and extra fields do not throw', () => {
    const parsed = paymentResponse.parse({
      success: true,
      ...paymentBody,
      status: 'DISPUTED',
      provider: 'NEW_RAIL',
      new_field: 1,
    });
    expect(parsed.status).toBe('DISPUTED');
    expect((parsed as Record<string, unknown>).new_field).toBe(1);
  });

  it('an unknown error code still parses', () => {
    expect(
      errorEnvelope.parse({ success: false, error: { code: 'SOMETHING_NEW', message: 'x' } }).error
        .code,
    ).toBe('SOMETHING_NEW');
  });
});

describe('events', () => {
  const event = {
    id: 'evt_1',
    event: 'payment.completed',
    payment_id: 'pay_1',
    merchant_id: 'mer_1',
    status: 'COMPLETED',
    amount_cents: 10000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    provider_reference: 'ws_CO_1',
    timestamp: '2026-02-07T03:15:40Z',
    metadata: { order_reference: 'A1' },
  };

  it('parses every known type and narrows on event', () => {
    const parsed = parseGatewayEvent(JSON.stringify(event));
    expect(parsed).toEqual(event);
    if (parsed.event === 'payment.completed') {
      // Unknown event names are any string, so a name check alone cannot exclude them.
      expectTypeOf(parsed).toEqualTypeOf<GatewayEvent | UnknownGatewayEvent>();
    }
    if (isEventType(parsed, 'payment.completed')) {
      // The guard can: exactly the payment event, its name pinned.
      expectTypeOf(parsed.payment_id).toEqualTypeOf<string>();
      expectTypeOf(parsed.event).toEqualTypeOf<'payment.completed'>();
      expectTypeOf(parsed.amount_cents).toEqualTypeOf<number>();
    } else {
      throw new Error('isEventType did not recognise payment.completed');
    }
    expect(isEventType(parsed, 'payment.failed')).toBe(false);
    expect(
      parseGatewayEvent({
        id: 'e',
        event: 'refund.processed',
        timestamp: 't',
        merchant_id: 'm',
        refund_id: 'r',
        payment_id: 'p',
        status: 'PROCESSED',
        amount_cents: 5,
        currency: 'KES',
      }),
    ).toMatchObject({ metadata: {} });
  });

  it('passes unknown event types through', () => {
    expect(parseGatewayEvent({ event: 'payment.disputed', id: 'e' })).toEqual({
      event: 'payment.disputed',
      id: 'e',
    });
  });

  it.each([
    ['not json', '(root)'],
    ['[]', 'event'],
    ['{"no":"event"}', 'event'],
    [JSON.stringify({ ...event, amount_cents: 10.5 }), 'amount_cents'],
    [JSON.stringify({ ...event, amount_cents: -1 }), 'amount_cents'],
  ])('rejects %s naming %s', (text, field) => {
    expect(() => parseGatewayEvent(text)).toThrow(InvalidEventError);
    try {
      parseGatewayEvent(text);
    } catch (error) {
      expect((error as InvalidEventError).field).toBe(field);
    }
  });
});

describe('types', () => {
  it('pins request and response types', () => {
    expectTypeOf<CreatePaymentRequest['amount_cents']>().toEqualTypeOf<number>();
    // One provider, or an ordered list of acceptable ones (then provider may be left out).
    expectTypeOf<CreatePaymentRequest['provider']>().toEqualTypeOf<
      'MPESA_SAFARICOM' | 'BUNI' | 'KAREENHUB' | undefined
    >();
    expectTypeOf<CreatePaymentRequest['providers']>().toEqualTypeOf<
      ('MPESA_SAFARICOM' | 'BUNI' | 'KAREENHUB')[] | undefined
    >();
    expectTypeOf<Payment['status']>().toEqualTypeOf<PaymentStatus | (string & {})>();
    expectTypeOf<Payment['amount_cents']>().toEqualTypeOf<number>();
    expectTypeOf<ListPaymentsQuery['limit']>().toEqualTypeOf<number | undefined>();
  });
});
