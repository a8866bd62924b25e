import { malipoWebhook } from '@malipo/next';
import { perTest } from '../../lib/per-test';

export const POST = perTest((options) => malipoWebhook(options.webhook));
