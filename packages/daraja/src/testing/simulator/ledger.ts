/** A completed M-Pesa transaction the simulator can reverse or report on, by receipt. */
export interface SimulatedReceipt {
  receipt: string;
  /** What made it: an STK payment, a C2B payment, a B2C payment or a reversal. */
  kind: 'stk' | 'c2b' | 'b2c' | 'reversal';
  /** Whole shillings. */
  amount: number;
  /** The customer's number. */
  phone: string | undefined;
  completedAt: number;
  /** The request that made it (B2C payments and reversals). */
  originatorConversationId: string | undefined;
  conversationId: string | undefined;
  /** The reversal's receipt, once reversed. */
  reversedBy: string | undefined;
}

/**
 * The simulated shortcode's money: the utility account pays B2C payments and reversals of
 * customer payments; customer payments (STK, C2B) are credited to the working account. Receipts
 * are kept for reversals and status queries, the oldest forgotten past `maxReceipts`.
 */
export function createLedger(options: { balanceCents: number; maxReceipts: number }) {
  let utilityCents = options.balanceCents;
  let workingCents = 0;
  const receipts = new Map<string, SimulatedReceipt>();
  return {
    utilityCents: () => utilityCents,
    setUtilityCents(cents: number) {
      if (!Number.isSafeInteger(cents)) {
        throw new TypeError('balanceCents must be an integer number of cents.');
      }
      utilityCents = cents;
    },
    workingCents: () => workingCents,
    /** Moves money: positive credits, negative debits. */
    adjust(account: 'utility' | 'working', cents: number) {
      if (account === 'utility') utilityCents += cents;
      else workingCents += cents;
    },
    receipt: (receipt: string) => receipts.get(receipt),
    record(entry: SimulatedReceipt) {
      receipts.set(entry.receipt, entry);
      for (const key of receipts.keys()) {
        if (receipts.size <= options.maxReceipts) break;
        receipts.delete(key);
      }
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
