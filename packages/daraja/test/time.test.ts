import { afterEach, describe, expect, it } from 'vitest';
import {
  DarajaValidationError,
  darajaTimestamp,
  darajaTimeToIso,
  stkPassword,
} from '../src/index.js';

const sandboxPasskey = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';

describe('stkPassword', () => {
  it('matches the documented sandbox vector', () => {
    expect(stkPassword('174379', sandboxPasskey, '20210628092408')).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it.each([
    ['shortcode', () => stkPassword('17', sandboxPasskey, '20210628092408')],
    ['passkey', () => stkPassword('174379', ' ', '20210628092408')],
    ['timestamp', () => stkPassword('174379', sandboxPasskey, '2021-06-28 09:24:08')],
  ])('rejects a bad %s with a typed error naming it', (field, call) => {
    expect(call).toThrow(DarajaValidationError);
    try {
      call();
    } catch (error) {
      expect((error as DarajaValidationError).field).toBe(field);
    }
  });
});

describe('darajaTimestamp', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // 2024-02-29T21:30:05Z is 1 March 00:30:05 in Nairobi: a day (and month) boundary that a
  // host-local or UTC clock gets wrong.
  const instant = Date.UTC(2024, 1, 29, 21, 30, 5);

  it.each([
    ['UTC', 29],
    ['America/New_York', 29],
    ['Asia/Tokyo', 1],
  ])('is Kenyan time under TZ=%s', (tz, hostDay) => {
    process.env.TZ = tz;
    // Prove the host timezone really changed: the local calendar day differs per zone.
    expect(new Date(instant).getDate()).toBe(hostDay);
    expect(darajaTimestamp(instant)).toBe('20240301003005');
    expect(darajaTimestamp(new Date(instant))).toBe('20240301003005');
  });

  it('matches the documented sample instant', () => {
    expect(darajaTimestamp(new Date('2021-06-28T06:24:08Z'))).toBe('20210628092408');
  });

  it('rejects an invalid date', () => {
    expect(() => darajaTimestamp(new Date('nope'))).toThrow(DarajaValidationError);
  });
});

describe('darajaTimeToIso', () => {
  it('reads numbers and strings as Kenyan time', () => {
    expect(darajaTimeToIso(20191219102115)).toBe('2019-12-19T10:21:15+03:00');
    expect(darajaTimeToIso('20240301003005')).toBe('2024-03-01T00:30:05+03:00');
    expect(new Date(darajaTimeToIso(20240301003005)!).toISOString()).toBe(
      '2024-02-29T21:30:05.000Z',
    );
  });

  it.each([20191319102115, '2019121910211', 'abc', null, 20190230120000])('rejects %s', (value) => {
    expect(darajaTimeToIso(value)).toBeUndefined();
  });
});
