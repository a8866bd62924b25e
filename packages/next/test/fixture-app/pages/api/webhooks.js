import { malipoPagesWebhook } from '@malipo/next';
import { perTest } from '../../lib/per-test';

export const config = { api: { bodyParser: false } };

export default perTest((options) => malipoPagesWebhook(options.webhook));
