import { gatewayEventTypes } from '@malipo/contract';

export const usage = `Usage:
  malipo trigger <event-type> --url <local URL> --secret <whsec_…> [--data <json file or inline json>] [--scheme gateway|standard|x-webhook-signature]
  malipo listen --gateway <url> --api-key <key> --api-secret <secret> --forward-to <local URL> --secret <whsec_…> [--interval <ms>] [--scheme …]
  malipo --help | --version

Event types: ${gatewayEventTypes.join(', ')}`;
