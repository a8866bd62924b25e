import { buildTestEvent, isMalipoCliError } from '@malipo/cli';
import { gatewayEventTypes, parseGatewayEvent } from '@malipo/contract';
import { describe, expect, it } from 'vitest';

const now = new Date('2026-02-07T10:00:00.000Z');

describe('buildTestEvent', () => {
  it.each(gatewayEventTypes)('builds a %s event the contract accepts', (type) => {
    const event = buildTestEvent(type, { now });
    expect(event.event).toBe(type);
    expect(event.timestamp).toBe(now.toISOString());
    expect(event.id).toMatch(/^evt_[a-z0-9]{20}$/);
    expect(parseGatewayEvent(JSON.stringify(event))).toEqual(event);
  });

  it('fills the failure fields only on failures', () => {
    expect(buildTestEvent('payment.completed')).toMatchObject({
      status: 'COMPLETED',
      receipt: 'NLJ7RT61SV',
      failure_code: null,
    });
    expect(buildTestEvent('payment.cancelled')).toMatchObject({
      status: 'CANCELLED',
      receipt: null,
      failure_code: '1032',
    });
    expect(buildTestEvent('checkout.session.expired')).toMatchObject({ payment_id: null });
  });

  it('lays --data over the built event', () => {
    const event = buildTestEvent('payout.completed', { data: { amount_cents: 1_234 } });
    expect(event).toMatchObject({ event: 'payout.completed', amount_cents: 1_234 });
  });

  it('refuses data the contract refuses, naming the field', () => {
    const build = () => buildTestEvent('payment.completed', { data: { amount_cents: 'ten' } });
    expect(build).toThrow(/amount_cents/);
    try {
      build();
    } catch (error) {
      expect(isMalipoCliError(error) && error.exitCode).toBe(2);
    }
  });

  it('refuses --data that changes the type or its status, or names a field the event lacks', () => {
    const build = (data: Record<string, unknown>) => () =>
      buildTestEvent('payment.completed', { data });
    expect(build({ event: 'foo.bar', amount_cents: -5 })).toThrow(/cannot set event/);
    expect(build({ event: 'constructor' })).toThrow(/cannot set event/);
    expect(build({ status: 'FAILED' })).toThrow(
      /cannot set status: a payment.completed event has status "COMPLETED"/,
    );
    expect(build({ amount: 5 })).toThrow(
      /names "amount", which a payment.completed event does not have; its fields are .*amount_cents/,
    );
    // Its own status, unchanged, is fine.
    expect(buildTestEvent('payment.completed', { data: { status: 'COMPLETED' } }).status).toBe(
      'COMPLETED',
    );
  });

  it('refuses an event type the gateway does not send, listing the ones it does', () => {
    expect(() => buildTestEvent('payment.teleported')).toThrow(/payment\.completed/);
  });
});
