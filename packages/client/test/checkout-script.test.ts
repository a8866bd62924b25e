import { build } from 'esbuild';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';

describe('the script-tag build of the checkout embed', () => {
  it('exposes window.MalipoCheckout.openCheckout and opens the checkout', async () => {
    // The same entry and format tsup uses for dist/checkout.global.js.
    const result = await build({
      entryPoints: [new URL('../src/checkout/index.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'iife',
      globalName: 'MalipoCheckout',
      target: 'es2020',
      platform: 'browser',
      write: false,
    });
    const code = result.outputFiles[0]?.text as string;
    const window = new Window({
      url: 'https://shop.example/',
      settings: { disableIframePageLoading: true, disableJavaScriptFileLoading: true },
    });
    // A <script> runs the IIFE with `var MalipoCheckout` at the top level of the page.
    window.eval(`${code};window.MalipoCheckout = MalipoCheckout;`);
    const global = (window as unknown as { MalipoCheckout: Record<string, unknown> })
      .MalipoCheckout;
    expect(Object.keys(global)).toEqual(
      expect.arrayContaining(['openCheckout', 'notifyParent', 'MalipoCheckoutError']),
    );
    const checkout = (
      global.openCheckout as (o: { url: string }) => { frame: { src: string }; close(): void }
    )({
      url: 'https://pay.malipo.test/checkout/cs_1',
    });
    expect(window.document.querySelector('iframe')?.src).toBe(checkout.frame.src);
    checkout.close();
    expect(window.document.querySelector('iframe')).toBeNull();
    await window.happyDOM.close();
  });
});
