/**
 * Events the Malipo gateway sends (webhooks). Reading is lenient: unknown event types and
 * extra fields survive, so a receiver keeps working when the gateway adds events.
 */
export const gatewayEventTypes = [
  'payment.pending',
  'payment.completed',
  'payment.failed',
  'payment.cancelled',
  'payment.expired',
  'payment.captured',
  'refund.processed',
  'refund.failed',
  'payout.completed',
  'payout.failed',
  'checkout.session.completed',
  'checkout.session.expired',
] as const;

export type GatewayEventType = (typeof gatewayEventTypes)[number];
