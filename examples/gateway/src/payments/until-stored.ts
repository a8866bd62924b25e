/**
 * Runs what comes before a Daraja request; should it fail, or end without a request to send
 * (a recovered payment), the merchant's share is given back: only what reaches Daraja counts
 * (a bad callback URL, a key another request holds, a replay).
 */
export async function untilStored<T extends { kind: string }>(
  giveBack: () => void,
  store: () => Promise<T>,
): Promise<T> {
  try {
    const stored = await store();
    if (stored.kind === 'recovered') giveBack();
    return stored;
  } catch (error) {
    giveBack();
    throw error;
  }
}
