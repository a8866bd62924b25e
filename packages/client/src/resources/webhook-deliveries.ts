import type { ListWebhookDeliveriesQuery, WebhookDelivery } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** Delivery logs (every attempt) and manual retry. */
export class WebhookDeliveries extends Resource {
  /** Lists delivery attempts newest first; `await` for a page or `for await` over every one. */
  list(
    query: ListWebhookDeliveriesQuery = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery> {
    return this.paginate('listWebhookDeliveries', { ...options, query });
  }
  /**
   * Queues a fresh attempt now for a `FAILED` or `DELIVERED` delivery (it becomes `PENDING`);
   * a `PENDING` one already has an attempt coming and is refused (409).
   */
  retry(webhookId: string, options?: RequestOptions): Promise<WithResponse<WebhookDelivery>> {
    return this.request('retryWebhookDelivery', {
      ...options,
      params: { webhook_id: webhookId },
    });
  }
}
