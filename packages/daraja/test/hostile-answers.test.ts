import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createDaraja,
  DarajaConfigError,
  type DarajaOptions,
  DarajaValidationError,
  normalizePhone,
  parseC2bRequest,
  parseDarajaResult,
  parseStkCallback,
} from '../src/index.js';
import { buildStkCallback, capturedPayloads, sandbox } from '../src/testing/index.js';
import {
  failure,
  type ScriptedAnswer,
  scriptedDaraja,
  scriptedOptions,
  scriptedPush,
} from './support/scripted-daraja.js';

/** Daraja (or a proxy in front of it) played by a loopback server each test scripts. */
const scripted = scriptedDaraja();

const token = 'TOKEN_SeCrEt_77';
const options = (overrides: Partial<DarajaOptions> = {}) =>
  scriptedOptions(scripted.url, overrides);
const push = scriptedPush;
/** Every way an error is looked at: its text, its inspection and its JSON. */
const views = (error: unknown) => [
  String(error),
  inspect(error, { depth: Number.POSITIVE_INFINITY }),
  JSON.stringify(error),
];
/** OAuth answers with `tokenAnswer`; everything else with `rest`. */
const daraja = (
  rest: ScriptedAnswer,
  tokenAnswer: object = { access_token: token, expires_in: '3599' },
) =>
  scripted.script((request, response, body) => {
    if (request.url?.startsWith('/oauth')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(tokenAnswer));
      return;
    }
    rest(request, response, body);
  });

describe('OAuth answers no later call could use', () => {
  it.each([
    ['a line break', `${token}\r\nInjected: 1`],
    ['a space', `${token} x`],
    ['non-ASCII text', `${token}é`],
  ])(
    'a token with %s is refused as a bad OAuth answer, and nothing is sent with it',
    async (_, bad) => {
      daraja((_request, response) => response.end('{}'), { access_token: bad, expires_in: '3599' });
      const error = await failure(createDaraja(options()).stkPush(push));
      expect(error).toMatchObject({ name: 'DarajaResponseError', code: 'invalid_response' });
      expect((error as Error).message).toMatch(
        /OAuth.*access_token is not a token a header can carry/,
      );
      for (const view of views(error)) expect(view).not.toContain(token);
      expect(scripted.requests.filter((url) => !url.startsWith('/oauth'))).toEqual([]);
    },
  );

  it('a token that lasts under a second is refused, not fetched again for every call', async () => {
    daraja((_request, response) => response.end('{}'), {
      access_token: token,
      expires_in: '0.001',
    });
    const error = await failure(createDaraja(options()).getAccessToken());
    expect(error).toMatchObject({ name: 'DarajaResponseError' });
    expect((error as Error).message).toMatch(/expires_in is 0\.001; 1 to/);
  });
});

describe('credentials an answer repeats stay out of errors', () => {
  it('a 2xx answer echoing the request headers keeps the bearer token out of the error', async () => {
    daraja((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echo: request.headers }));
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaResponseError' });
    for (const view of views(error)) expect(view).not.toContain(token);
  });

  it.each([
    ['as JSON', 'application/json'],
    ['as text', 'text/plain'],
  ])(
    'an error answer echoing the request body %s keeps the STK Password (the passkey) out of the error',
    async (_, type) => {
      let password = '';
      daraja((_request, response, body) => {
        password = (JSON.parse(body) as { Password: string }).Password;
        response.writeHead(502, { 'content-type': type });
        response.end(JSON.stringify({ errorMessage: 'upstream failed', request: body }));
      });
      const error = await failure(createDaraja(options()).stkPush(push));
      expect(password.length).toBeGreaterThan(20);
      for (const view of views(error)) {
        expect(view).not.toContain(password);
        expect(view).not.toContain(sandbox.passkey);
      }
    },
  );

  it('a 2xx answer echoing the B2C body keeps the SecurityCredential out of the error', async () => {
    const credential = randomBytes(256).toString('base64');
    daraja((_request, response, body) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echo: JSON.parse(body) }));
    });
    const client = createDaraja(
      options({
        initiator: { name: 'api', securityCredential: credential },
        resultUrl: 'https://merchant.example/mpesa/result',
        queueTimeoutUrl: 'https://merchant.example/mpesa/timeout',
      }),
    );
    const error = await failure(
      client.b2cPayment({ amount: 10, phone: '0708374149', remarks: 'salary' }),
    );
    expect(error).toMatchObject({ name: 'DarajaResponseError' });
    for (const view of views(error)) expect(view).not.toContain(credential);
  });
});

describe('credentials repeated in any shape', () => {
  const secret = 'c2VjcmV0UGFzc2tleTE3NDM3OQ==';
  it.each([
    ['JSON escaped twice', `{"echo":"{\\"Password\\":\\"${secret}\\"}"}`],
    ['a form', `Password=${secret}&Amount=10`],
    ['a header line', `Password: ${secret}`],
    ['XML', `<Request><SecurityCredential>${secret}</SecurityCredential></Request>`],
  ])('a secret echoed as %s is blanked', async (_, echoed) => {
    daraja((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(echoed);
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    for (const view of views(error)) expect(view).not.toContain(secret);
  });

  it('a secret nested past the copied depth is left out, never copied as is', async () => {
    let nested: Record<string, unknown> = { Password: secret };
    for (let i = 0; i < 12; i++) nested = { inner: nested };
    daraja((_request, response) => {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errorMessage: 'upstream failed', nested }));
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    for (const view of views(error)) expect(view).not.toContain(secret);
  });

  it('words after Basic or Bearer that are no credential are kept', async () => {
    daraja((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errorCode: '401.1', errorMessage: 'Bearer token expired' }));
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ errorMessage: 'Bearer token expired' });
  });
});

describe('error answers are described as they were sent', () => {
  it('an HTML page labelled JSON is an HTML answer, kept as sent', async () => {
    daraja((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('<html><body>503 Service Unavailable</body></html>');
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({
      name: 'DarajaApiError',
      status: 503,
      bodyKind: 'html',
      raw: '<html><body>503 Service Unavailable</body></html>',
    });
  });

  it('a cut-off envelope keeps its text and is not called empty', async () => {
    daraja((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"requestId":"r-9","errorCode":"500.001.1001","errorMess');
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ bodyKind: 'other', raw: expect.stringContaining('r-9') });
    expect((error as Error).message).not.toMatch(/empty body/);
  });

  it('an empty 400 to a push is an API error, not refused OAuth credentials', async () => {
    daraja((_request, response) => {
      response.writeHead(400);
      response.end();
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaApiError', code: 'api_error', bodyKind: 'empty' });
  });

  it('a 2xx answer past any Daraja answer is not read whole', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    daraja((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"pad":"');
      // 64 MiB unless the reader stops first.
      let sent = 0;
      const more = () => {
        while (sent < 1024 && !response.destroyed) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        if (!response.destroyed) response.end('"}');
      };
      response.on('error', () => {});
      more();
    });
    const error = await failure(createDaraja(options()).stkPush(push));
    expect(error).toMatchObject({ name: 'DarajaResponseError', code: 'invalid_response' });
    expect((error as Error).message).toMatch(/larger than 1 MiB/);
  });
});

describe('numbers JSON has already rounded', () => {
  const paid = JSON.stringify(
    buildStkCallback({
      checkoutRequestId: 'ws_CO_1',
      resultCode: 0,
      amount: 10,
      phone: '254708374149',
      receipt: 'RECEIPT_MARK',
    }),
  );

  it('a receipt past 2^53 is refused, not stored rounded; a Balance that is not one is left out', () => {
    expect(() => parseStkCallback(paid.replace('"RECEIPT_MARK"', '12345678901234567890'))).toThrow(
      /MpesaReceiptNumber.*2\^53/,
    );
    expect(parseStkCallback(paid.replace('"RECEIPT_MARK"', '1234567890'))).toMatchObject({
      receipt: '1234567890',
    });
    const withBalance = JSON.parse(paid) as {
      Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } };
    };
    const items = withBalance.Body.stkCallback.CallbackMetadata.Item;
    const balance = items.find((item) => item.Name === 'Balance');
    if (balance) balance.Value = { a: 1 };
    else items.push({ Name: 'Balance', Value: { a: 1 } });
    // Informational only: the payment it reports is still read.
    expect(parseStkCallback(withBalance)).toMatchObject({
      status: 'completed',
      receipt: 'RECEIPT_MARK',
      balance: undefined,
    });
    expect(
      parseStkCallback(JSON.stringify(withBalance).replace('{"a":1}', '12345678901234567890')),
    ).toMatchObject({ status: 'completed', balance: undefined });
  });

  it('a CheckoutRequestID with a NUL or a broken surrogate is refused: stores key callbacks by it', () => {
    for (const id of ['ws_CO_\u0000x', 'ws_CO_\ud800', 'ws_CO_\udbff']) {
      expect(() => parseStkCallback(paid.replace('"ws_CO_1"', JSON.stringify(id)))).toThrow(
        /CheckoutRequestID.*control characters or broken text/,
      );
    }
    expect(parseStkCallback(paid.replace('"ws_CO_1"', '"ws_CO_😀"'))).toMatchObject({
      checkoutRequestId: 'ws_CO_😀',
    });
  });

  it('a C2B BillRefNumber or a result id past 2^53 is refused', () => {
    const c2b = JSON.stringify({ ...capturedPayloads.c2bConfirmation, BillRefNumber: 'MARK' });
    expect(() => parseC2bRequest(c2b.replace('"MARK"', '12345678901234567891'))).toThrow(
      /BillRefNumber.*2\^53/,
    );
    expect(parseC2bRequest(c2b.replace('"MARK"', '1234567'))).toMatchObject({
      billRefNumber: '1234567',
    });
    const result = JSON.stringify(capturedPayloads.b2cResultSuccess).replace(
      /"OriginatorConversationID":"[^"]*"/,
      '"OriginatorConversationID":123456789012345678901',
    );
    expect(() => parseDarajaResult(result)).toThrow(/OriginatorConversationID.*2\^53/);
  });
});

describe('inputs that only look like what they should be', () => {
  it.each([
    -712345678,
    '-712345678',
    '+-254712345678',
    '--07-12-34-56-78',
    '.0712345678',
    '(-712345678)',
    '( -712345678',
    '(-)712345678',
    '+(-254)712345678',
    '0712345678-',
  ])('the phone %j is refused, not read with its sign dropped', (phone) => {
    expect(() => normalizePhone(phone)).toThrow(DarajaValidationError);
  });

  it('separators between digits are still read', () => {
    expect(normalizePhone('07-12-34-56-78')).toBe('254712345678');
    expect(normalizePhone('+254 712.345.678')).toBe('254712345678');
  });

  it('a base URL with a user name or password is refused, and the password never printed', () => {
    const make = () =>
      createDaraja(
        options({ environment: { baseUrl: 'https://user:BASE_PASSWORD@daraja.example' } }),
      );
    expect(make).toThrow(DarajaConfigError);
    expect(make).toThrow(/must not carry a user name or password/);
    try {
      make();
    } catch (error) {
      for (const view of views(error)) expect(view).not.toContain('BASE_PASSWORD');
    }
  });
});
