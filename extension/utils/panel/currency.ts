/** Token amounts in the streamer's currency (Settings → Currency). */

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'BRL', 'MXN', 'COP', 'RUB', 'PHP', 'INR'] as const;
/** Rates outside this range are typing mistakes (a token is worth cents). */
export const MAX_RATE = 1_000;

export interface CurrencyChoice {
  currency: string;
  perToken: number;
}

/** "$5.00" for 100 tokens at USD 0.05; '' when the rate or code is unusable. */
export function formatCurrency(tokens: number, { currency, perToken }: CurrencyChoice): string {
  if (!(perToken > 0) || perToken > MAX_RATE) return '';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(tokens * perToken);
  } catch {
    return ''; // not an ISO 4217 code
  }
}

/** A rate typed in Settings: a positive number up to MAX_RATE, else null. */
export function parseRate(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return Number.isFinite(value) && value > 0 && value <= MAX_RATE ? value : null;
}
