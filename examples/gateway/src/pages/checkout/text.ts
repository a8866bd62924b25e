/** The hosted page's languages. */
export type Locale = 'en' | 'sw';

/** Every string the hosted page shows, in one language. `{name}` marks a value filled in. */
export interface PageText {
  lang: Locale;
  title: string;
  pay: string;
  amount: string;
  phoneLabel: string;
  phoneHint: string;
  phoneInvalid: string;
  payButton: string;
  sending: string;
  waitingTitle: string;
  waitingBody: string;
  paidTitle: string;
  paidBody: string;
  paidCheck: string;
  continue: string;
  close: string;
  failedTitle: string;
  attemptsLeft: string;
  noAttemptsLeft: string;
  tryAgain: string;
  returnTo: string;
  cancel: string;
  expiredTitle: string;
  expiredBody: string;
  reviewTitle: string;
  reviewBody: string;
  offline: string;
  testMode: string;
  testPhones: string;
  cannotEmbed: string;
  notFoundTitle: string;
  notFoundBody: string;
  language: string;
  poweredBy: string;
  /** Why the last attempt did not complete: by payment status, or by failure code for FAILED. */
  failures: Record<string, string>;
}

const en: PageText = {
  lang: 'en',
  title: 'Pay {merchant}',
  pay: 'Pay {merchant}',
  amount: 'Amount',
  phoneLabel: 'M-Pesa phone number',
  phoneHint: 'We send a payment request to this phone. Enter your M-Pesa PIN there to pay.',
  phoneInvalid: 'Enter a Safaricom number such as 0712 345 678.',
  payButton: 'Pay {amount}',
  sending: 'Sending the request…',
  waitingTitle: 'Check your phone',
  waitingBody:
    'Enter your M-Pesa PIN on {phone} to pay {amount}. This page updates by itself: keep it open.',
  paidTitle: 'Payment received',
  paidBody: 'Thank you. M-Pesa receipt {receipt}.',
  paidCheck: '{merchant} confirms the payment with the gateway before fulfilling your order.',
  continue: 'Continue to {merchant}',
  close: 'Close',
  failedTitle: 'Payment not completed',
  attemptsLeft: 'You can try {count} more times.',
  noAttemptsLeft: 'No attempts are left on this checkout.',
  tryAgain: 'Try again',
  returnTo: 'Return to {merchant}',
  cancel: 'Cancel and return to {merchant}',
  expiredTitle: 'This checkout has expired',
  expiredBody: 'Nothing was charged. Ask {merchant} for a new payment link.',
  reviewTitle: 'This payment is being checked',
  reviewBody:
    'M-Pesa reported a payment on this checkout that {merchant} needs to check. Do not pay again: {merchant} will contact you.',
  offline: 'Could not reach the payment server. Check your connection and try again.',
  testMode: 'Test mode: no real money moves.',
  testPhones:
    'Test numbers: 0708 374 149 pays, 0733 333 333 cancels, 0711 111 111 times out, 0708 374 150 has too little balance.',
  cannotEmbed: 'This checkout cannot be shown inside this website. Open it in its own tab.',
  notFoundTitle: 'Checkout not found',
  notFoundBody: 'Check the link, or ask the merchant for a new one.',
  language: 'Language',
  poweredBy: 'Payments by Malipo',
  failures: {
    CANCELLED: 'You cancelled the M-Pesa request.',
    EXPIRED: 'The M-Pesa request timed out before the PIN was entered.',
    '1': 'Your M-Pesa balance is too low for this payment.',
    '2001': 'The M-Pesa PIN was wrong.',
    default: 'M-Pesa could not complete the payment.',
  },
};

const sw: PageText = {
  lang: 'sw',
  title: 'Lipa {merchant}',
  pay: 'Lipa {merchant}',
  amount: 'Kiasi',
  phoneLabel: 'Nambari ya simu ya M-Pesa',
  phoneHint: 'Tutatuma ombi la malipo kwa simu hii. Weka PIN yako ya M-Pesa hapo ili kulipa.',
  phoneInvalid: 'Weka nambari ya Safaricom kama 0712 345 678.',
  payButton: 'Lipa {amount}',
  sending: 'Inatuma ombi…',
  waitingTitle: 'Angalia simu yako',
  waitingBody:
    'Weka PIN yako ya M-Pesa kwenye {phone} ili kulipa {amount}. Ukurasa huu utajisasisha wenyewe: usiufunge.',
  paidTitle: 'Malipo yamepokelewa',
  paidBody: 'Asante. Risiti ya M-Pesa {receipt}.',
  paidCheck: '{merchant} huthibitisha malipo moja kwa moja kabla ya kukamilisha agizo lako.',
  continue: 'Endelea kwa {merchant}',
  close: 'Funga',
  failedTitle: 'Malipo hayajakamilika',
  attemptsLeft: 'Unaweza kujaribu mara {count} zaidi.',
  noAttemptsLeft: 'Hakuna majaribio yaliyosalia kwa malipo haya.',
  tryAgain: 'Jaribu tena',
  returnTo: 'Rudi kwa {merchant}',
  cancel: 'Ghairi na urudi kwa {merchant}',
  expiredTitle: 'Muda wa malipo haya umeisha',
  expiredBody: 'Hakuna pesa iliyotozwa. Omba kiungo kipya cha malipo kutoka kwa {merchant}.',
  reviewTitle: 'Malipo haya yanakaguliwa',
  reviewBody:
    'M-Pesa imeripoti malipo kwenye malipo haya ambayo {merchant} anahitaji kuyakagua. Usilipe tena: {merchant} atawasiliana nawe.',
  offline: 'Imeshindwa kufikia seva ya malipo. Angalia muunganisho wako kisha ujaribu tena.',
  testMode: 'Hali ya majaribio: hakuna pesa halisi inayotumika.',
  testPhones:
    'Nambari za majaribio: 0708 374 149 inalipa, 0733 333 333 inaghairi, 0711 111 111 muda unaisha, 0708 374 150 salio halitoshi.',
  cannotEmbed:
    'Malipo haya hayawezi kuonyeshwa ndani ya tovuti hii. Yafungue kwenye kichupo chake.',
  notFoundTitle: 'Malipo hayakupatikana',
  notFoundBody: 'Hakikisha kiungo, au omba kipya kutoka kwa mfanyabiashara.',
  language: 'Lugha',
  poweredBy: 'Huduma ya malipo: Malipo',
  failures: {
    CANCELLED: 'Umeghairi ombi la M-Pesa.',
    EXPIRED: 'Muda wa ombi la M-Pesa uliisha kabla ya PIN kuwekwa.',
    '1': 'Salio lako la M-Pesa halitoshi kwa malipo haya.',
    '2001': 'PIN ya M-Pesa si sahihi.',
    default: 'M-Pesa haikuweza kukamilisha malipo.',
  },
};

export const pageText: Record<Locale, PageText> = { en, sw };

/** The page's language: `?lang=` when it names one, else the session's. */
export function localeOf(requested: string | undefined, sessionLocale: Locale): Locale {
  return requested === 'en' || requested === 'sw' ? requested : sessionLocale;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
