import * as z from 'zod/mini';
import { requireCallbackUrl } from '../config/callback-url.js';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaValidationError } from '../errors/field-errors.js';
import { firstIssue } from '../internal/zod-issue.js';
import { normalizePhone } from '../phone/normalize-phone.js';

/** Arguments of `stkPush`. */
export interface StkPushInput {
  /**
   * Whole Kenyan shillings, 1 to 250 000. Daraja takes no cents: a gateway holding
   * `amount_cents` must pass `amount_cents / 100` and only for multiples of 100.
   */
  amount: number;
  /** Customer phone; `07…`, `01…`, `+254…` and `254…` are normalised to `2547…`/`2541…`. */
  phone: string | number;
  /** Shown to the customer in the prompt; at most 12 characters. */
  accountReference: string;
  /** 1 to 13 characters. Daraja rejects an empty one as "Invalid Remarks". */
  transactionDesc: string;
  /** Overrides the client's `callbackUrl` for this payment. */
  callbackUrl?: string | undefined;
  /** Aborts the request. */
  signal?: AbortSignal | undefined;
}

/** The validated, normalised input. */
export interface StkPushFields {
  amount: number;
  phone: string;
  accountReference: string;
  transactionDesc: string;
  callbackUrl: string;
}

const maxAmount = 250_000;

const buildInputSchema = (referenceMax: number) =>
  z.object({
    amount: z.number({ error: 'expected a number of whole shillings.' }).check(
      z.refine(
        (v) => Number.isInteger(v),
        'M-Pesa takes whole shillings only; round or reject fractional amounts before calling.',
      ),
      z.refine((v) => v >= 1 && v <= maxAmount, `must be between 1 and ${maxAmount} shillings.`),
    ),
    accountReference: z.string({ error: 'expected a string.' }).check(
      z.refine((v) => v.trim().length > 0, 'must not be empty.'),
      z.refine(
        (v) => v.trim().length <= referenceMax,
        `at most ${referenceMax} characters; Daraja rejects longer references.`,
      ),
    ),
    transactionDesc: z.string({ error: 'expected a string.' }).check(
      z.refine((v) => v.trim().length > 0, 'must not be empty (Daraja answers "Invalid Remarks").'),
      z.refine((v) => v.trim().length <= 13, 'at most 13 characters.'),
    ),
    callbackUrl: z.optional(z.string({ error: 'expected a URL string.' })),
  });

/** Built once per reference length (a client's is fixed): building a schema costs more than a parse. */
const inputSchemas = new Map<number, ReturnType<typeof buildInputSchema>>();
function inputSchema(referenceMax: number) {
  let schema = inputSchemas.get(referenceMax);
  if (!schema) {
    schema = buildInputSchema(referenceMax);
    inputSchemas.set(referenceMax, schema);
  }
  return schema;
}

/** Checks and normalises STK push input before any network call. */
export function validateStkPushInput(
  config: ResolvedDarajaConfig,
  input: StkPushInput,
): StkPushFields {
  if (typeof input !== 'object' || input === null) {
    throw new DarajaValidationError('(root)', 'stkPush() needs an object argument.');
  }
  const parsed = inputSchema(config.accountReferenceMaxLength).safeParse(input);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaValidationError(path, message);
  }
  const phone = normalizePhone(input.phone, 'phone');
  const callbackUrl = requireCallbackUrl(
    config,
    'callbackUrl',
    parsed.data.callbackUrl,
    config.callbackUrl,
    'callback URL',
  );
  return {
    amount: parsed.data.amount,
    phone,
    accountReference: parsed.data.accountReference.trim(),
    transactionDesc: parsed.data.transactionDesc.trim(),
    callbackUrl,
  };
}
