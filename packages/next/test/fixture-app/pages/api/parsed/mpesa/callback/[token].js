import { darajaPagesCallback } from '@malipo/next/daraja';
import { perTest } from '../../../../../lib/per-test';

// The mistake: no `config`, so Next's body parser runs first.
export default perTest((options) => darajaPagesCallback(options.daraja));
