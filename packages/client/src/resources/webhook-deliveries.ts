import { type ListWebhookDeliveriesQuery, routes, type WebhookDelivery } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** Delivery logs (every attempt) and manual retry. */
export class WebhookDeliveries extends Resource {
  list(
    query: ListWebhookDeliveriesQuery = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery> {
    return this.paginate(routes.listWebhookDeliveries, { ...options, query });
  }
  retry(webhookId: string, options?: RequestOptions): Promise<WithResponse<WebhookDelivery>> {
    return this.request(routes.retryWebhookDelivery, {
      ...options,
      params: { webhook_id: webhookId },
    });
  }
}
