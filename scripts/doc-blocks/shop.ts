// The reader's own code that README and guide blocks call (fulfilling an order, settling a
// payment), put in front of a block by `<!-- doc-check: prelude shop -->`. See
// scripts/check-doc-blocks.mjs.
import type { StkCallback } from '@malipo/daraja';

/** Fulfils the order the gateway payment `paymentId` paid for. */
declare function fulfil(paymentId: string): Promise<void>;

/** The shop's own payment records. */
declare const payments: {
  /** Records the outcome of an STK push from its callback. */
  settle(callback: StkCallback): Promise<void>;
};

/** The shop's own orders. */
declare const orders: {
  /** Marks the order of gateway payment `paymentId` paid, with the amount in integer cents. */
  markPaid(paymentId: string, amountCents: number): Promise<void>;
};
