import type { CreatePaymentOutcome } from './create-payment.js';

/**
 * How one provider's attempt at a payment ended: as a create does, or `down` — the provider was
 * unreachable or failing before it acted (nobody prompted, nothing charged), so the next provider
 * in the payment's list may take it.
 */
export type ProviderOutcome = CreatePaymentOutcome | { kind: 'down'; reason: string };
