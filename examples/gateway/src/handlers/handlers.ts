import type { RouteHandlers } from '../http/route-types.js';
import { checkoutHandlers } from './checkout.js';
import type { HandlerDeps } from './deps.js';
import { moneyOutHandlers } from './money-out.js';
import { paymentHandlers } from './payments.js';
import { systemHandlers } from './system.js';
import { webhookHandlers } from './webhooks.js';

/** Every contract route's handler. Leaving one out does not compile. */
export function routeHandlers(deps: HandlerDeps): RouteHandlers {
  return {
    ...paymentHandlers(deps),
    ...moneyOutHandlers(deps),
    ...webhookHandlers(deps),
    ...systemHandlers(deps),
    ...checkoutHandlers(deps),
  };
}
