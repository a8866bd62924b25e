/** What the simulated customer does with a prompt. */
export interface SimulatedOutcome {
  /** Result code the callback and queries report once settled (0 paid, 1032 cancelled, …). */
  resultCode: number;
  /** How long the customer takes, in milliseconds. Defaults to the simulator's `callbackDelayMs`. */
  delayMs?: number | undefined;
  /** Settle without posting a callback (a lost callback): only a query reveals the outcome. */
  skipCallback?: boolean | undefined;
}

/**
 * Test phone numbers and what they do: the Daraja sandbox numbers from the Daraja integration
 * guide, the gateway test phones from the hosted-gateway integration guide, and one of ours for
 * cancellation. Any other number pays.
 */
export const defaultOutcomes: Readonly<Record<string, SimulatedOutcome>> = Object.freeze({
  // Daraja sandbox numbers (Daraja integration guide).
  '254708374149': { resultCode: 0 },
  '254708374150': { resultCode: 1 },
  // "Invalid account": Daraja reports unusable accounts as 2001 (initiator information invalid).
  '254708374151': { resultCode: 2001 },
  // Gateway test phones (hosted-gateway integration guide).
  '254712345678': { resultCode: 0 },
  '254700000000': { resultCode: 2001 },
  '254711111111': { resultCode: 1037 },
  '254722222222': { resultCode: 1037, delayMs: 5 * 60_000 },
  // Ours: the customer presses Cancel.
  '254733333333': { resultCode: 1032 },
});
