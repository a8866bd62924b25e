import type { JobStatus } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import { Resource } from './resource.js';

/** Queue statistics (the test-mode endpoint from the async webhooks gateway guide). */
export class Jobs extends Resource {
  /** Queue counts (pending, processing) and your deliveries' outcomes; test mode only. */
  status(options?: RequestOptions): Promise<WithResponse<JobStatus>> {
    return this.request('jobStatus', options);
  }
}
