import { gatewayEventTypes } from '@malipo/contract';

export const usage = `Usage:
  malipo trigger <event-type> --url <local URL> --secret <whsec_…> [--data <json file or inline json>] [--scheme gateway|standard|x-webhook-signature]
  malipo listen --gateway <url> --api-key <key> --api-secret <secret> --forward-to <local URL> --secret <whsec_…> [--interval <ms>] [--scheme …]
  malipo --help | --version

--api-key, --api-secret and --secret may come from MALIPO_API_KEY, MALIPO_API_SECRET and
MALIPO_WEBHOOK_SECRET instead (kept out of ps and shell history); a flag wins over its variable.

Event types: ${gatewayEventTypes.join(', ')}`;
