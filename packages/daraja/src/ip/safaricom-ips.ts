/**
 * Source addresses of Safaricom's callbacks, from the Daraja "Callback and IP Whitelisting"
 * page (the same list, verified 2026-08, ships in the mpesakit and pesafy libraries).
 * Pass your own list when Safaricom publishes changes.
 */
export const safaricomCallbackIps: readonly string[] = Object.freeze([
  '196.201.214.200',
  '196.201.214.206',
  '196.201.213.114',
  '196.201.214.207',
  '196.201.214.208',
  '196.201.213.44',
  '196.201.212.127',
  '196.201.212.138',
  '196.201.212.129',
  '196.201.212.136',
  '196.201.212.74',
  '196.201.212.69',
]);
