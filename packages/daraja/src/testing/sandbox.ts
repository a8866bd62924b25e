/** Daraja's public sandbox values (from the M-Pesa Express docs), used by the simulator. */
export const sandbox = Object.freeze({
  shortcode: '174379',
  passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
  /** The sandbox's test MSISDN that completes payments. */
  phone: '254708374149',
  baseUrl: 'https://sandbox.safaricom.co.ke',
});
