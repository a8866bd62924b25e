import { darajaTimestamp } from '../../time/timestamp.js';
import { randomCode } from './replies.js';

/** A `{ Key, Value }` item; `Value` left out when undefined, as Daraja does. */
export type ResultItem = [key: string, value?: string | number];

/** The `Result` envelope Daraja POSTs to a `ResultURL` or `QueueTimeOutURL`. */
export function resultEnvelope(fields: {
  resultType?: number | string;
  resultCode: number | string;
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId?: string | undefined;
  parameters?: ResultItem[];
  reference: ResultItem;
}) {
  const item = ([Key, Value]: ResultItem) => (Value === undefined ? { Key } : { Key, Value });
  return {
    Result: {
      ResultType: fields.resultType ?? 0,
      ResultCode: fields.resultCode,
      ResultDesc: fields.resultDesc,
      OriginatorConversationID: fields.originatorConversationId,
      ConversationID: fields.conversationId,
      // Failures carry a placeholder receipt such as "NLJ0000000".
      TransactionID: fields.transactionId ?? `${randomCode(3)}0000000`,
      ...(fields.parameters?.length
        ? { ResultParameters: { ResultParameter: fields.parameters.map(item) } }
        : {}),
      ReferenceData: { ReferenceItem: item(fields.reference) },
    },
  };
}

/** `AG_20191219_00004e48cf7e3533f581`, the shape of Daraja's ConversationID. */
export function conversationId(now: number): string {
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return `AG_${darajaTimestamp(now).slice(0, 8)}_${hex}`;
}

/** `"19.12.2019 11:45:50"`: how B2C results write `TransactionCompletedDateTime` (Kenyan time). */
export function dottedTime(now: number): string {
  const t = darajaTimestamp(now);
  return `${t.slice(6, 8)}.${t.slice(4, 6)}.${t.slice(0, 4)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

/** Kenyan-time `YYYYMMDDHHmmss` as a number, as results write `FinalisedTime` and friends. */
export function numericTime(now: number): number {
  return Number(darajaTimestamp(now));
}

/** Cents as the decimal text Daraja writes in balance strings: `"700000.00"`. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents as a JSON number of shillings, as B2C results write funds (`10116.5`). */
export function shillings(cents: number): number {
  return Number(decimal(cents));
}
