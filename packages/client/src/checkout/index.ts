/**
 * `@malipo/client/checkout` — the browser checkout embed (the SDK from the async webhooks
 * gateway guide): opens the gateway's hosted checkout page for a session in a modal iframe, with
 * `onSuccess`, `onFailure` and `onClose`, over a `postMessage` protocol with strict origin and
 * source checks both ways. Also `notifyParent`, the hosted page's side of the same protocol. No
 * dependencies; also shipped as a `<script>` build exposing `window.MalipoCheckout`.
 *
 * @module @malipo/client/checkout
 */
export { isMalipoCheckoutError, MalipoCheckoutError } from './checkout-error.js';
export { notifyParent } from './notify-parent.js';
export {
  type CheckoutHandle,
  type CheckoutOutcome,
  type OpenCheckoutOptions,
  openCheckout,
} from './open-checkout.js';
export {
  type CheckoutCloseMessage,
  type CheckoutFailureMessage,
  type CheckoutHostMessage,
  type CheckoutMessage,
  type CheckoutReadyMessage,
  type CheckoutResizeMessage,
  type CheckoutSuccessMessage,
  checkoutProtocolVersion,
  checkoutSource,
  parseCheckoutMessage,
} from './protocol.js';
