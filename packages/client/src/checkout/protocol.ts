/** Marks every message of the checkout protocol, so unrelated `postMessage` traffic is ignored. */
export const checkoutSource = 'malipo-checkout';
/** Protocol version carried by every message. */
export const checkoutProtocolVersion = 1;

interface MessageBase {
  source: typeof checkoutSource;
  version: typeof checkoutProtocolVersion;
}

/** The hosted page loaded and can talk. */
export interface CheckoutReadyMessage extends MessageBase {
  type: 'ready';
}

/** The customer paid. */
export interface CheckoutSuccessMessage extends MessageBase {
  type: 'success';
  session_id: string;
  payment_id: string;
  /** The payment's status, normally `COMPLETED`. */
  status: string;
}

/** The payment failed or was cancelled on the hosted page. */
export interface CheckoutFailureMessage extends MessageBase {
  type: 'failure';
  session_id: string;
  payment_id: string | null;
  /** Machine-readable, e.g. `CANCELLED`, `INSUFFICIENT_FUNDS`, `EXPIRED`. */
  code: string;
  /** Fit to show the customer. */
  message: string;
}

/** The customer closed the hosted page. */
export interface CheckoutCloseMessage extends MessageBase {
  type: 'close';
}

/** The hosted page's content height changed (pixels). */
export interface CheckoutResizeMessage extends MessageBase {
  type: 'resize';
  height: number;
}

/** Every message the hosted page sends to the embedding page. */
export type CheckoutMessage =
  | CheckoutReadyMessage
  | CheckoutSuccessMessage
  | CheckoutFailureMessage
  | CheckoutCloseMessage
  | CheckoutResizeMessage;

/** What the embedding page sends into the hosted page. */
export interface CheckoutHostMessage extends MessageBase {
  /** `init` answers `ready` (the handshake); `close` asks the page to wind down. */
  type: 'init' | 'close';
}

const isText = (value: unknown, max = 500): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/**
 * Checks an incoming `postMessage` payload against the protocol. Anything else — other
 * libraries' messages, malformed or oversized fields — is `undefined` and must be ignored.
 */
export function parseCheckoutMessage(data: unknown): CheckoutMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.source !== checkoutSource || m.version !== checkoutProtocolVersion) return undefined;
  switch (m.type) {
    case 'ready':
    case 'close':
      return { source: checkoutSource, version: checkoutProtocolVersion, type: m.type };
    case 'success':
      return isText(m.session_id) && isText(m.payment_id) && isText(m.status, 40)
        ? {
            source: checkoutSource,
            version: checkoutProtocolVersion,
            type: 'success',
            session_id: m.session_id,
            payment_id: m.payment_id,
            status: m.status,
          }
        : undefined;
    case 'failure':
      return isText(m.session_id) &&
        (m.payment_id === null || isText(m.payment_id)) &&
        isText(m.code, 60) &&
        isText(m.message)
        ? {
            source: checkoutSource,
            version: checkoutProtocolVersion,
            type: 'failure',
            session_id: m.session_id,
            payment_id: m.payment_id,
            code: m.code,
            message: m.message,
          }
        : undefined;
    case 'resize':
      return typeof m.height === 'number' &&
        Number.isFinite(m.height) &&
        m.height >= 0 &&
        m.height <= 10_000
        ? {
            source: checkoutSource,
            version: checkoutProtocolVersion,
            type: 'resize',
            height: m.height,
          }
        : undefined;
    default:
      return undefined;
  }
}
