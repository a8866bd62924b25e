/** Integer cents as `KES 1,000` (or `KES 1,000.50`), without floating point. */
export function formatAmount(amountCents: number, currency: string): string {
  const negative = amountCents < 0;
  const abs = Math.abs(amountCents);
  const whole = Math.trunc(abs / 100);
  const rest = abs % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${currency} ${grouped}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}
