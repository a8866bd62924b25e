import type { DarajaResult } from './parse-result.js';
import { parameterReader, splitPublicName } from './values.js';

/** The values of a B2C payment result. Absent on failures, which carry no parameters. */
export interface B2cResultDetails {
  /** `TransactionAmount` in integer cents. */
  amountCents: number | undefined;
  /** `TransactionReceipt`, the M-Pesa receipt of the payment. */
  receipt: string | undefined;
  /** The recipient's name from `ReceiverPartyPublicName` (`"254708374149 - John Doe"`). */
  receiverName: string | undefined;
  /** The recipient's number from `ReceiverPartyPublicName`, when it starts with one. */
  receiverPhone: string | undefined;
  /** `TransactionCompletedDateTime` (`"06.07.2024 22:48:52"`, Kenyan time) as ISO 8601. */
  completedAt: string | undefined;
  /** `B2CRecipientIsRegisteredCustomer` (`"Y"`/`"N"`). */
  recipientRegistered: boolean | undefined;
  /** `B2CUtilityAccountAvailableFunds`: what is left to pay out, in cents. */
  utilityBalanceCents: number | undefined;
  /** `B2CWorkingAccountAvailableFunds`, in cents. */
  workingBalanceCents: number | undefined;
  /** `B2CChargesPaidAccountAvailableFunds`, in cents (often negative). */
  chargesPaidBalanceCents: number | undefined;
}

/**
 * Reads a B2C result's parameters by key. Amounts become integer cents, the completion time
 * ISO 8601; a value present but malformed throws `DarajaCallbackError` naming it.
 */
export function readB2cResult(result: DarajaResult): B2cResultDetails {
  const read = parameterReader(result);
  const registered = read.text('B2CRecipientIsRegisteredCustomer')?.toUpperCase();
  const receiver = splitPublicName(read.text('ReceiverPartyPublicName'));
  return {
    amountCents: read.paidCents('TransactionAmount'),
    receipt: read.text('TransactionReceipt'),
    receiverName: receiver.name,
    receiverPhone: receiver.phone,
    completedAt: read.time('TransactionCompletedDateTime'),
    recipientRegistered: registered === 'Y' ? true : registered === 'N' ? false : undefined,
    utilityBalanceCents: read.cents('B2CUtilityAccountAvailableFunds'),
    workingBalanceCents: read.cents('B2CWorkingAccountAvailableFunds'),
    chargesPaidBalanceCents: read.cents('B2CChargesPaidAccountAvailableFunds'),
  };
}
