import { darajaPagesCallback } from '@malipo/next/daraja';
import { perTest } from '../../../../lib/per-test';

export const config = { api: { bodyParser: false } };

export default perTest((options) => darajaPagesCallback(options.daraja));
