import type { GatewayConfig } from '../config/config.js';
import type { RunningGateway } from '../gateway.js';

/**
 * What a started gateway prints: where it listens, its modes, and the test merchant's
 * credentials. The API secret exists in the clear only on the start that created the merchant.
 */
export function banner(gateway: RunningGateway, config: GatewayConfig, command: string): string {
  const merchantId = gateway.merchant.merchantId;
  const lines = [
    '',
    `Malipo gateway (${command}) on ${config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'}`,
    gateway.url ? `  API:            ${gateway.url}` : '  workers running',
    `  Test mode:      ${config.mpesa.test.kind === 'simulator' ? 'built-in Daraja simulator (no money moves)' : "Safaricom's sandbox"}`,
    `  Live mode:      ${config.mpesa.live ? 'Safaricom production' : 'off (set MPESA_LIVE_* to enable it)'}`,
    `  Merchant:       ${merchantId}`,
    gateway.merchant.apiKey
      ? `  API key:        ${gateway.merchant.apiKey}`
      : `  API key:        (no active test key: "admin keys create --merchant ${merchantId} --mode test" issues one while this runs, "key" while it is stopped)`,
    gateway.merchant.created
      ? `  API secret:     ${gateway.merchant.apiSecret}   (shown once: only its hash is stored)`
      : `  API secret:     (shown once, when created; "admin keys create --merchant ${merchantId} --mode test" issues a new key while this runs, "key" while it is stopped)`,
    // Signing needs it in the clear, so it is never hashed: keep it out of production logs by
    // printing it only on first run, or against the simulator (where no money moves).
    gateway.merchant.created || (config.mpesa.test.kind === 'simulator' && !config.mpesa.live)
      ? `  Webhook secret: ${gateway.merchant.webhookSecret}`
      : '  Webhook secret: (shown on first run, and whenever the simulator is used)',
    // Live events are signed with a secret of their own: a test event never verifies live.
    gateway.merchant.created
      ? `  Live webhooks:  ${gateway.merchant.liveWebhookSecret}   (live events are signed with this secret, test events with the one above)`
      : config.mpesa.live
        ? `  Live webhooks:  signed with the live secret shown on first run ("admin webhook-secret rotate --merchant ${merchantId} --mode live" makes a new one)`
        : '',
    config.adminToken
      ? '  Admin token:    the one ADMIN_TOKEN sets'
      : config.database.kind === 'pglite'
        ? `  Admin token:    in ${config.database.dataDir}/admin-token (for "admin"; owner-only)`
        : gateway.adminToken
          ? `  Admin token:    ${gateway.adminToken}   (shown once: set ADMIN_TOKEN to use "admin")`
          : '  Admin token:    (shown on first start, or set by ADMIN_TOKEN)',
    gateway.loginLink
      ? `  Dashboard:      ${gateway.loginLink}   (one-time sign-in link, 15 minutes; "admin login-link --merchant ${merchantId}" prints another)`
      : gateway.url
        ? `  Dashboard:      ${gateway.url}/dashboard ("admin login-link --merchant ${merchantId}" prints a sign-in link)`
        : '',
    gateway.url ? `  API reference:  ${gateway.url}/docs` : '',
    config.allowPrivateWebhookUrls
      ? '  Webhooks may go to localhost and private addresses (ALLOW_PRIVATE_WEBHOOK_URLS).'
      : '  Webhooks go to public addresses only.',
    '',
  ];
  // Lines that do not apply to this process are empty strings: only the framing blanks stay.
  return lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n');
}
