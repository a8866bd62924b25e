/**
 * Whether M-Pesa knows the transfer by its stored OriginatorConversationID: ours for B2C (payouts
 * and partial refunds), M-Pesa's own for a reversal once its acceptance was stored. Only then
 * can a status check find it, and "no such transaction" mean nothing moved.
 */
export function knownToMpesaById(transfer: {
  table: 'payouts' | 'refunds';
  method: string | null;
  providerReference: string | null;
}): boolean {
  return (
    transfer.table === 'payouts' ||
    transfer.method === 'MPESA_B2C' ||
    transfer.providerReference !== null
  );
}
