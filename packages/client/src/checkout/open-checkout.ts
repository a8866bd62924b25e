import { checkCheckoutUrl, MalipoCheckoutError } from './checkout-error.js';
import {
  type CheckoutFailureMessage,
  type CheckoutHostMessage,
  type CheckoutSuccessMessage,
  checkoutProtocolVersion,
  checkoutSource,
  parseCheckoutMessage,
} from './protocol.js';

/** Options of {@link openCheckout}. */
export interface OpenCheckoutOptions {
  /** The hosted checkout URL: a session's `url` from `malipo.checkout.sessions.create()`. */
  url: string;
  /** The customer paid. Called at most once. */
  onSuccess?: ((result: CheckoutSuccessMessage) => void) | undefined;
  /** The payment failed or was cancelled. Called at most once. */
  onFailure?: ((result: CheckoutFailureMessage) => void) | undefined;
  /** The checkout closed, for any reason (after `onSuccess`/`onFailure`, or dismissed). */
  onClose?: (() => void) | undefined;
  /** Render inline inside this element instead of a modal overlay. */
  container?: HTMLElement | undefined;
  /**
   * The only origin whose messages are accepted. @default the checkout URL's origin
   */
  allowedOrigin?: string | undefined;
}

/** How the checkout ended. */
export type CheckoutOutcome =
  | { type: 'success'; result: CheckoutSuccessMessage }
  | { type: 'failure'; result: CheckoutFailureMessage }
  | { type: 'closed' };

/** An open checkout. */
export interface CheckoutHandle {
  /** The iframe showing the hosted page. */
  readonly frame: HTMLIFrameElement;
  /** Closes the checkout (idempotent). */
  close(): void;
  /** Settles once the checkout is closed, with how it ended. */
  readonly closed: Promise<CheckoutOutcome>;
}

let current: CheckoutHandle | undefined;

/**
 * Opens the gateway's hosted checkout in a modal iframe (or inside `container`). Messages from
 * the page are accepted only from its origin and its own frame, and messages to it name its
 * exact origin. Escape closes a modal; focus returns where it was; page scroll is locked while
 * the modal is open. One checkout at a time: opening another closes the first.
 *
 * @example
 * import { openCheckout } from '@malipo/client/checkout';
 * const checkout = openCheckout({
 *   url: session.url,
 *   onSuccess: ({ payment_id }) => showReceipt(payment_id),
 *   onFailure: ({ message }) => showError(message),
 * });
 */
export function openCheckout(options: OpenCheckoutOptions): CheckoutHandle {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new MalipoCheckoutError(
      'openCheckout runs in a browser: call it from client-side code (e.g. a click handler), not during server rendering.',
    );
  }
  if (!options || typeof options.url !== 'string') {
    throw new MalipoCheckoutError('openCheckout: pass { url } — the checkout session URL.');
  }
  const target = checkCheckoutUrl(options.url);
  const origin = options.allowedOrigin
    ? checkCheckoutUrl(options.allowedOrigin).origin
    : target.origin;
  // Checked before the open checkout is closed: a misuse leaves the page as it was.
  if (
    options.container !== undefined &&
    (typeof (options.container as Partial<HTMLElement> | null)?.append !== 'function' ||
      (options.container as Partial<HTMLElement>).nodeType !== 1)
  ) {
    throw new MalipoCheckoutError(
      'openCheckout: container must be a page element, or left out for a modal.',
    );
  }
  target.searchParams.set('embed', '1');
  target.searchParams.set('parent_origin', window.location.origin);

  current?.close();

  const modal = !options.container;
  const previousFocus = document.activeElement as HTMLElement | null;
  const previousOverflow = document.body.style.overflow;

  const frame = document.createElement('iframe');
  frame.src = target.toString();
  frame.title = 'Malipo checkout';
  frame.setAttribute('allow', 'payment');
  frame.style.cssText = 'border:0;width:100%;height:100%;min-height:480px;background:#fff;';

  let root: HTMLElement;
  if (modal) {
    root = document.createElement('div');
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-modal', 'true');
    root.setAttribute('aria-label', 'Checkout');
    root.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.5);';
    const panel = document.createElement('div');
    panel.style.cssText =
      'position:relative;width:min(440px,100vw);height:min(640px,100vh);border-radius:12px;overflow:hidden;background:#fff;';
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.textContent = '×';
    dismiss.setAttribute('aria-label', 'Close checkout');
    dismiss.style.cssText =
      'position:absolute;top:8px;right:8px;z-index:1;border:0;background:transparent;font-size:24px;cursor:pointer;';
    dismiss.addEventListener('click', () => handle.close());
    panel.append(dismiss, frame);
    root.append(panel);
    document.body.append(root);
    document.body.style.overflow = 'hidden';
  } else {
    root = frame;
    (options.container as HTMLElement).append(frame);
  }

  let settled = false;
  let outcome: CheckoutOutcome = { type: 'closed' };
  let resolveClosed!: (outcome: CheckoutOutcome) => void;
  const closed = new Promise<CheckoutOutcome>((resolve) => {
    resolveClosed = resolve;
  });

  const post = (type: CheckoutHostMessage['type']) => {
    const message: CheckoutHostMessage = {
      source: checkoutSource,
      version: checkoutProtocolVersion,
      type,
    };
    frame.contentWindow?.postMessage(message, origin);
  };

  const onMessage = (event: MessageEvent) => {
    // Only the hosted page in our own frame: right origin AND right window (a null window never matches).
    const frameWindow = frame.contentWindow;
    if (event.origin !== origin || !frameWindow || event.source !== frameWindow) return;
    const message = parseCheckoutMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        post('init');
        break;
      case 'resize':
        if (!modal) frame.style.height = `${message.height}px`;
        break;
      case 'success':
        if (settled) return;
        settled = true;
        outcome = { type: 'success', result: message };
        options.onSuccess?.(message);
        break;
      case 'failure':
        if (settled) return;
        settled = true;
        outcome = { type: 'failure', result: message };
        options.onFailure?.(message);
        break;
      case 'close':
        handle.close();
        break;
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (modal && event.key === 'Escape') handle.close();
  };

  let isOpen = true;
  const handle: CheckoutHandle = {
    frame,
    closed,
    close() {
      if (!isOpen) return;
      isOpen = false;
      post('close');
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
      root.remove();
      if (modal) {
        document.body.style.overflow = previousOverflow;
        previousFocus?.focus?.();
      }
      if (current === handle) current = undefined;
      options.onClose?.();
      resolveClosed(outcome);
    },
  };

  window.addEventListener('message', onMessage);
  document.addEventListener('keydown', onKey);
  if (modal) frame.focus();
  current = handle;
  return handle;
}
