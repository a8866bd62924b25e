/**
 * `@malipo/contract/events` — the gateway's webhook events alone: their types,
 * `parseGatewayEvent` and `isEventType`, without the API's request and response schemas or the
 * OpenAPI document, for receivers that bundle them.
 *
 * @module @malipo/contract/events
 */
export { type GatewayEventType, gatewayEventTypes } from './events/event-types.js';
export {
  type CheckoutSessionEvent,
  type EventOfType,
  type GatewayEvent,
  InvalidEventError,
  isEventType,
  type PaymentEvent,
  type PayoutEvent,
  parseGatewayEvent,
  type RefundEvent,
  type UnknownGatewayEvent,
} from './events/gateway-events.js';
