import type { CreateCheckoutSessionRequest } from '../checkout/requests.js';
import type { CapturePaymentRequest, CreatePaymentRequest } from '../payments/requests.js';
import type { CreatePayoutRequest } from '../payouts/requests.js';
import type { CreateRefundRequest } from '../refunds/requests.js';
import type { RouteName } from '../routes.js';
import type { CreateWebhookEndpointRequest } from '../webhooks/requests.js';

type Example<T> = Record<string, { summary: string; value: T }>;

const hook = 'https://shop.example.com/webhooks/malipo';

const createPayment: Example<CreatePaymentRequest> = {
  mpesa: {
    summary: 'KES 100 over M-Pesa (the sandbox number completes)',
    value: {
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: {
        phone_number: '254708374149',
        description: 'Order 1042',
        order_reference: 'ORDER-1042',
      },
      callback_url: hook,
    },
  },
  mpesaLocalPhone: {
    summary: 'KES 1,500 over M-Pesa with a phone written 07…',
    value: {
      amount_cents: 150_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '0712345678' },
    },
  },
};

const capturePayment: Example<CapturePaymentRequest> = {
  partial: { summary: 'Capture KES 50', value: { amount_cents: 5_000 } },
};

const createRefund: Example<CreateRefundRequest> = {
  partial: {
    summary: 'Refund KES 50',
    value: { amount_cents: 5_000, reason: 'Customer returned the item' },
  },
};

const createPayout: Example<CreatePayoutRequest> = {
  mpesa: {
    summary: 'Send KES 500 over M-Pesa',
    value: {
      amount_cents: 50_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      recipient: { phone_number: '254708374149', name: 'Jane Wanjiku' },
      description: 'Refund for order 1042',
    },
  },
};

const createCheckoutSession: Example<CreateCheckoutSessionRequest> = {
  basic: {
    summary: 'A KES 100 hosted checkout',
    value: {
      amount_cents: 10_000,
      currency: 'KES',
      description: 'Order 1042',
      success_url: 'https://shop.example.com/orders/1042/paid',
      cancel_url: 'https://shop.example.com/orders/1042',
    },
  },
};

const createWebhookEndpoint: Example<CreateWebhookEndpointRequest> = {
  payments: {
    summary: 'Payment outcomes only',
    value: {
      url: hook,
      events: ['payment.completed', 'payment.failed'],
      description: 'Order fulfilment',
    },
  },
};

/** Request body examples by operation; each must be accepted by the reference gateway. */
export const requestExamples: Partial<Record<RouteName, Example<unknown>>> = {
  createPayment,
  capturePayment,
  createRefund,
  createPayout,
  createCheckoutSession,
  createWebhookEndpoint,
};
