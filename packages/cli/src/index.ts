/**
 * @module
 * `@malipo/cli` — the `malipo` dev command for local webhooks, and the functions behind it:
 * {@link buildTestEvent} makes a realistic gateway event of any type (checked against
 * `@malipo/contract`), {@link sendEvent} signs and POSTs it as the gateway does (Standard
 * Webhooks and `X-Webhook-Signature`), {@link listen} forwards a running gateway's events to a
 * local URL, and {@link runCli} is the command line itself.
 */
export { listenCommand } from './cli/listen-command.js';
export type { CliOutput } from './cli/output.js';
export { type RunCliOptions, runCli } from './cli/run-cli.js';
export { triggerCommand } from './cli/trigger-command.js';
export {
  type CliErrorCode,
  CliUsageError,
  isMalipoCliError,
  MalipoCliError,
} from './errors/cli-error.js';
export {
  type BuildTestEventOptions,
  buildTestEvent,
  isGatewayEventType,
} from './events/build-test-event.js';
export { paymentEvent, payoutEvent } from './listen/events-from-objects.js';
export { type ListenOptions, listen } from './listen/listen.js';
export { type SendEventOptions, type SentEvent, sendEvent } from './send/send-event.js';
export {
  type SignDeliveryOptions,
  type SigningScheme,
  signDelivery,
  signingSchemes,
} from './send/sign-headers.js';
