import { describe, expect, it } from 'vitest';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';

describe('the poll schedule setting', () => {
  it('takes ascending whole seconds up to a day', () => {
    expect(loadConfig({ MPESA_POLL_SCHEDULE: '0, 30,86400' }).pollScheduleSeconds).toEqual([
      0, 30, 86_400,
    ]);
  });

  it.each([
    ['60,30', /MPESA_POLL_SCHEDULE.*later than the one before/],
    ['30,30', /MPESA_POLL_SCHEDULE.*later than the one before/],
    ['30,2147483648', /MPESA_POLL_SCHEDULE.*at most 86400; got 2147483648/],
    ['30,-1', /MPESA_POLL_SCHEDULE.*comma-separated whole seconds/],
  ])('refuses %s with what to fix', (value, message) => {
    expect(() => loadConfig({ MPESA_POLL_SCHEDULE: value })).toThrow(GatewayConfigError);
    expect(() => loadConfig({ MPESA_POLL_SCHEDULE: value })).toThrow(message);
  });

  it('webhook retry intervals are gaps, not times: any order, up to a week each', () => {
    expect(loadConfig({ WEBHOOK_RETRY_INTERVALS: '60,0,604800' }).webhookRetryIntervals).toEqual([
      60, 0, 604_800,
    ]);
    expect(() => loadConfig({ WEBHOOK_RETRY_INTERVALS: '604801' })).toThrow(
      /WEBHOOK_RETRY_INTERVALS.*at most 604800/,
    );
  });
});
