import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createDaraja,
  DarajaConfigError,
  type DarajaOptions,
  DarajaValidationError,
  darajaTimestamp,
  describeResultCode,
  parseDarajaResult,
  parseStkCallback,
  readB2cResult,
  stkPassword,
} from '../src/index.js';
import { buildStkCallback, capturedPayloads } from '../src/testing/index.js';
import {
  failure,
  scriptedConsumerSecret,
  scriptedDaraja,
  scriptedOptions,
  scriptedPush,
} from './support/scripted-daraja.js';

/** Daraja played by a loopback server that each test scripts: answers no real Daraja gives. */
const daraja = scriptedDaraja();

const token = 'TOKEN_SeCrEt_42';
const consumerSecret = scriptedConsumerSecret;
const options = (overrides: Partial<DarajaOptions> = {}) => scriptedOptions(daraja.url, overrides);
const push = scriptedPush;

describe('timeoutMs covers the whole answer', () => {
  it('a body that stalls after the headers times out, and its connection is closed', async () => {
    let closed: Promise<unknown> | undefined;
    daraja.script((request, response) => {
      if (request.url?.startsWith('/oauth')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: token, expires_in: '3599' }));
        return;
      }
      closed = new Promise((resolve) => request.socket.once('close', resolve));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"MerchantRequestID":'); // and nothing more
    });
    const error = await failure(createDaraja(options({ timeoutMs: 300 })).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaNetworkError', code: 'timeout' });
    // The stalled stream is cancelled, not left holding its socket (this waits for the close).
    await closed;
  });
});

describe('no credential in an error', () => {
  it.each([
    { access_token: token, expires_in: 0 },
    { access_token: token, expires_in: 'abc' },
    { access_token: token },
    { access_token: token, expires_in: 1e308 },
  ])('a token answer %j keeps its access token out of the error', async (body) => {
    daraja.script((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaResponseError' });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('an error answer echoing the request keeps the Basic credential out of the error', async () => {
    daraja.script((request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`upstream failed for Authorization: ${request.headers.authorization}`);
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    const basic = Buffer.from(`key:${consumerSecret}`).toString('base64');
    for (const view of [String(error), inspect(error, { depth: Number.POSITIVE_INFINITY })]) {
      expect(view).not.toContain(basic);
      expect(view).toContain('Basic [redacted]');
    }
  });

  it('an error answer in JSON keeps an echoed bearer token out of the error', async () => {
    daraja.script((request, response) => {
      if (request.url?.startsWith('/oauth')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: token, expires_in: '3599' }));
        return;
      }
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          errorMessage: 'upstream failed',
          echo: { headers: { authorization: request.headers.authorization } },
          note: `Bearer%20${token}`,
        }),
      );
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('a rate-limited token request is not reported as refused credentials', async () => {
    daraja.script((_, response) => {
      response.writeHead(429, { 'content-type': 'text/plain' });
      response.end('slow down');
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaApiError', code: 'api_error', status: 429 });
  });

  it('a refused token request is auth_failed, whatever the body', async () => {
    daraja.script((_, response) => {
      response.writeHead(401, { 'content-type': 'text/html' });
      response.end('<html>Unauthorized</html>');
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaAuthError', code: 'auth_failed' });
  });
});

describe('options that would fail every call, refused at construction', () => {
  it.each([
    ['timeoutMs', { timeoutMs: 3e9 }],
    ['retry.limit', { retry: { limit: 1e9 } }],
    ['accountReferenceMaxLength', { accountReferenceMaxLength: 0 }],
    ['timeout', { timeout: 5_000 } as Partial<DarajaOptions>],
  ])('%s', (field, overrides) => {
    expect(() => createDaraja(options(overrides))).toThrow(DarajaConfigError);
    expect(() => createDaraja(options(overrides))).toThrow(
      expect.objectContaining({ field }) as Error,
    );
  });

  it.each([
    'https://localhost/cb',
    'https://127.0.0.1/cb',
    'https://169.254.169.254/latest',
    'https://10.0.0.5/cb',
    'https://[::1]/cb',
  ])('production refuses a callback URL Safaricom cannot reach: %s', async (callbackUrl) => {
    const production = { ...options(), environment: 'production' as const };
    expect(() => createDaraja({ ...production, callbackUrl })).toThrow(DarajaConfigError);
    const daraja = createDaraja({ ...production, callbackUrl: 'https://pay.example.com/cb' });
    await expect(daraja.stkPush({ ...push, callbackUrl })).rejects.toThrow(DarajaValidationError);
  });

  it('a callback URL with a user name or password is refused', async () => {
    const daraja = createDaraja(options());
    await expect(
      daraja.stkPush({ ...push, callbackUrl: 'https://user:pw@merchant.example/cb' }),
    ).rejects.toThrow(DarajaValidationError);
  });
});

describe('callback money and phone numbers', () => {
  const withItems = (edit: (items: { Name: string; Value?: unknown }[]) => void) => {
    const body = buildStkCallback({ checkoutRequestId: 'ws_CO_1', amount: 100 }) as {
      Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } };
    };
    edit(body.Body.stkCallback.CallbackMetadata.Item);
    return body;
  };
  const set = (name: string, value: unknown) =>
    withItems((items) => {
      const item = items.find((entry) => entry.Name === name);
      if (item) item.Value = value;
    });

  it.each([1e300, 1e15])('Amount %d is not a payment', (amount) => {
    expect(() => parseStkCallback(set('Amount', amount))).toThrow(
      expect.objectContaining({ field: 'Body.stkCallback.CallbackMetadata.Amount' }) as Error,
    );
  });

  // A number past 2^53, as JSON.parse reads Daraja's 20-digit value.
  it.each([JSON.parse('25470837414912345678') as number, 'abc', -1, 254708374149.5])(
    'PhoneNumber %j is not a phone number',
    (phone) => {
      expect(() => parseStkCallback(set('PhoneNumber', phone))).toThrow(
        expect.objectContaining({
          field: 'Body.stkCallback.CallbackMetadata.PhoneNumber',
        }) as Error,
      );
    },
  );

  it.each(['2547 ***** 126', '254708***149', 254708374149])(
    'PhoneNumber %j (masked or not) is a phone: a paid callback is never refused for it',
    (phone) => {
      expect(parseStkCallback(set('PhoneNumber', phone))).toMatchObject({
        status: 'completed',
        phone: String(phone),
      });
    },
  );

  it('an item listed twice is refused: which Amount was paid would be a guess', () => {
    const body = withItems((items) => items.push({ Name: 'Amount', Value: 999_999 }));
    expect(() => parseStkCallback(body)).toThrow(
      expect.objectContaining({ field: 'Body.stkCallback.CallbackMetadata.Amount' }) as Error,
    );
  });
});

describe('helpers given what they cannot use say so, typed', () => {
  it.each([
    ['at', () => darajaTimestamp('2024' as never)],
    ['at', () => darajaTimestamp(null as never)],
    ['at', () => darajaTimestamp(8.64e15)],
    ['at', () => darajaTimestamp(Date.UTC(10_000, 0, 1))],
    ['shortcode', () => stkPassword(null as never, 'passkey', '20241231235959')],
    ['passkey', () => stkPassword('174379', null as never, '20241231235959')],
    ['timestamp', () => stkPassword('174379', 'passkey', '20241332256161')],
    ['code', () => describeResultCode(null as never)],
    ['code', () => describeResultCode({} as never)],
    ['api', () => describeResultCode(0, 'bogus' as never)],
  ])('%s', (field, call) => {
    expect(call).toThrow(DarajaValidationError);
    expect(call).toThrow(expect.objectContaining({ field }) as Error);
  });

  it('a B2C result that paid a negative amount is refused', () => {
    const body = structuredClone(capturedPayloads.b2cResultSuccess) as {
      Result: { ResultParameters: { ResultParameter: { Key: string; Value: unknown }[] } };
    };
    const amount = body.Result.ResultParameters.ResultParameter.find(
      (parameter) => parameter.Key === 'TransactionAmount',
    );
    if (amount) amount.Value = -5;
    expect(() => readB2cResult(parseDarajaResult(body))).toThrow(
      expect.objectContaining({ name: 'DarajaCallbackError' }) as Error,
    );
  });
});
