// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://shop.example/cart", "settings": { "disableIframePageLoading": true, "disableJavaScriptFileLoading": true } }
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isMalipoCheckoutError,
  MalipoCheckoutError,
  notifyParent,
  openCheckout,
  parseCheckoutMessage,
} from '../src/checkout/index.js';

const url = 'https://pay.malipo.test/checkout/cs_123';
const gatewayOrigin = 'https://pay.malipo.test';

const message = (data: Record<string, unknown>) => ({
  source: 'malipo-checkout',
  version: 1,
  ...data,
});
const success = message({
  type: 'success',
  session_id: 'cs_123',
  payment_id: 'pay_1',
  status: 'COMPLETED',
});
const failure = message({
  type: 'failure',
  session_id: 'cs_123',
  payment_id: null,
  code: 'CANCELLED',
  message: 'You cancelled the payment.',
});

/**
 * The hosted page's window. happy-dom does not load cross-origin frames, so each test gives the
 * iframe a stand-in window whose postMessage is observable.
 */
function withFrameWindow<T extends { frame: HTMLIFrameElement }>(checkout: T) {
  const frameWindow = { postMessage: vi.fn() };
  Object.defineProperty(checkout.frame, 'contentWindow', {
    value: frameWindow,
    configurable: true,
  });
  return Object.assign(checkout, { frameWindow });
}

/** Delivers a message to the embedding window as if `source` (a window) at `origin` sent it. */
function deliver(data: unknown, origin: string, source: unknown) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
}

afterEach(() => {
  document.body.innerHTML = '';
  document.body.style.overflow = '';
});

describe('openCheckout', () => {
  it('opens a modal iframe on the hosted page with the embed parameters', () => {
    const checkout = openCheckout({ url });
    const src = new URL(checkout.frame.src);
    expect(src.origin + src.pathname).toBe(url);
    expect(src.searchParams.get('embed')).toBe('1');
    expect(src.searchParams.get('parent_origin')).toBe('https://shop.example');
    expect(document.querySelector('[role="dialog"][aria-modal="true"] iframe')).toBe(
      checkout.frame,
    );
    expect(document.body.style.overflow).toBe('hidden');
    checkout.close();
  });

  it('success and failure reach their callbacks once; close settles `closed` with the outcome', async () => {
    const onSuccess = vi.fn();
    const onFailure = vi.fn();
    const onClose = vi.fn();
    const checkout = withFrameWindow(openCheckout({ url, onSuccess, onFailure, onClose }));
    const frameWindow = checkout.frameWindow;
    deliver(success, gatewayOrigin, frameWindow);
    deliver(success, gatewayOrigin, frameWindow);
    deliver(failure, gatewayOrigin, frameWindow);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({
      payment_id: 'pay_1',
      status: 'COMPLETED',
    });
    expect(onFailure).not.toHaveBeenCalled();
    deliver(message({ type: 'close' }), gatewayOrigin, frameWindow);
    expect(onClose).toHaveBeenCalledTimes(1);
    await expect(checkout.closed).resolves.toMatchObject({
      type: 'success',
      result: { payment_id: 'pay_1' },
    });
    expect(document.querySelector('iframe')).toBeNull();
    expect(document.body.style.overflow).toBe('');
  });

  it('failure is reported with its code and message', async () => {
    const onFailure = vi.fn();
    const checkout = withFrameWindow(openCheckout({ url, onFailure }));
    deliver(failure, gatewayOrigin, checkout.frameWindow);
    expect(onFailure).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'CANCELLED', message: 'You cancelled the payment.' }),
    );
    checkout.close();
    await expect(checkout.closed).resolves.toMatchObject({ type: 'failure' });
  });

  it('ignores messages from another origin, from another window, and malformed ones', () => {
    const onSuccess = vi.fn();
    const checkout = withFrameWindow(openCheckout({ url, onSuccess }));
    deliver(success, 'https://evil.example', checkout.frameWindow);
    deliver(success, gatewayOrigin, window);
    deliver(success, gatewayOrigin, null);
    for (const bad of [
      'success',
      null,
      { ...success, source: 'other' },
      { ...success, version: 2 },
      { ...success, payment_id: 42 },
      { ...success, payment_id: 'x'.repeat(501) },
      message({ type: 'resize', height: Number.NaN }),
      message({ type: 'unknown' }),
    ]) {
      deliver(bad, gatewayOrigin, checkout.frameWindow);
    }
    expect(onSuccess).not.toHaveBeenCalled();
    expect(document.querySelector('iframe')).not.toBeNull();
    checkout.close();
  });

  it('answers ready with init, posted to the exact origin (never "*")', () => {
    const checkout = withFrameWindow(openCheckout({ url }));
    const post = checkout.frameWindow.postMessage;
    deliver(message({ type: 'ready' }), gatewayOrigin, checkout.frameWindow);
    expect(post).toHaveBeenCalledWith(
      { source: 'malipo-checkout', version: 1, type: 'init' },
      gatewayOrigin,
    );
    checkout.close();
    expect(post).toHaveBeenLastCalledWith(
      { source: 'malipo-checkout', version: 1, type: 'close' },
      gatewayOrigin,
    );
    for (const call of post.mock.calls) expect(call[1]).not.toBe('*');
  });

  it('Escape closes a modal; close() is idempotent; focus returns', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    expect(document.activeElement).toBe(button);
    const onClose = vi.fn();
    const checkout = openCheckout({ url, onClose });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    checkout.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(button);
  });

  it('renders inline in a container and follows resize messages', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const checkout = withFrameWindow(openCheckout({ url, container }));
    expect(container.querySelector('iframe')).toBe(checkout.frame);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    deliver(message({ type: 'resize', height: 612 }), gatewayOrigin, checkout.frameWindow);
    expect(checkout.frame.style.height).toBe('612px');
    checkout.close();
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('one checkout at a time: opening another closes the first', () => {
    const onClose = vi.fn();
    openCheckout({ url, onClose });
    openCheckout({ url });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('refuses http outside localhost and non-URLs with a typed error that says what to fix', () => {
    expect(() => openCheckout({ url: 'http://pay.malipo.test/checkout/cs_1' })).toThrow(
      /must use https/,
    );
    expect(() => openCheckout({ url: 'not a url' })).toThrow(MalipoCheckoutError);
    try {
      openCheckout({ url: 'javascript:alert(1)' });
    } catch (error) {
      expect(isMalipoCheckoutError(error)).toBe(true);
    }
    expect(() =>
      openCheckout({ url: 'http://localhost:8000/checkout/cs_1' }).close(),
    ).not.toThrow();
  });

  it('accepts an explicit allowedOrigin instead of the URL origin', () => {
    const onSuccess = vi.fn();
    const checkout = withFrameWindow(
      openCheckout({ url, allowedOrigin: 'https://checkout.malipo.test', onSuccess }),
    );
    deliver(success, gatewayOrigin, checkout.frameWindow);
    expect(onSuccess).not.toHaveBeenCalled();
    deliver(success, 'https://checkout.malipo.test', checkout.frameWindow);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    checkout.close();
  });
});

describe('protocol helpers', () => {
  it('parseCheckoutMessage keeps only the protocol fields', () => {
    expect(parseCheckoutMessage({ ...success, extra: '<script>' })).toEqual(success);
  });

  it('notifyParent does nothing outside an iframe', () => {
    const post = vi.spyOn(window, 'postMessage');
    notifyParent({ type: 'close' }, { parentOrigin: 'https://shop.example' });
    // A link can carry any parent_origin to the page itself: not embedded, it is never read.
    notifyParent({ type: 'close' }, { parentOrigin: 'not a url' });
    expect(post).not.toHaveBeenCalled();
  });

  it('notifyParent, embedded, refuses a parentOrigin that is not an http(s) origin', () => {
    const parent = { postMessage: vi.fn() };
    const spy = vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as never);
    try {
      for (const parentOrigin of ['not a url', '', 'javascript:alert(1)', undefined]) {
        expect(() => notifyParent({ type: 'close' }, { parentOrigin } as never)).toThrow(
          MalipoCheckoutError,
        );
      }
      notifyParent({ type: 'close' }, { parentOrigin: 'https://shop.example/cart' });
      expect(parent.postMessage).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'close' }),
        'https://shop.example',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('openCheckout refuses a container that is not an element, and leaves the open one alone', () => {
    const open = openCheckout({ url });
    for (const container of [{}, 'div', document.createTextNode('x')]) {
      expect(() => openCheckout({ url, container } as never)).toThrow(MalipoCheckoutError);
    }
    expect(document.body.contains(open.frame)).toBe(true);
    open.close();
  });
});
