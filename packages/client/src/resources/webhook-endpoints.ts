import type {
  CreateWebhookEndpointRequest,
  ListWebhookEndpointsQuery,
  WebhookEndpoint,
} from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** Where the gateway sends your webhooks. */
export class WebhookEndpoints extends Resource {
  /** Registers an endpoint. The answer's `secret` (`whsec_…`) is shown only here: store it. */
  create(
    body: CreateWebhookEndpointRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<WebhookEndpoint & { secret: string }>> {
    return this.request('createWebhookEndpoint', { ...options, body });
  }
  /** Lists endpoints newest first; `await` for a page or `for await` over every endpoint. */
  list(
    query: ListWebhookEndpointsQuery = {},
    options?: RequestOptions,
  ): PagePromise<WebhookEndpoint> {
    return this.paginate('listWebhookEndpoints', { ...options, query });
  }
  /** Deletes an endpoint: the gateway stops sending it webhooks. */
  delete(
    endpointId: string,
    options?: RequestOptions,
  ): Promise<WithResponse<{ deleted: true; endpoint_id: string }>> {
    return this.request('deleteWebhookEndpoint', {
      ...options,
      params: { endpoint_id: endpointId },
    });
  }
}
