import { useSettingsStore } from '@/stores/settings';
import { formatCurrency } from '@/utils/panel/currency';
import { formatTokens, maskMoney, MASK, formatNumber } from '@/utils/shared/format';

/** Token amounts as the streamer wants them shown: masked everywhere in hide-money mode. */
export function useMoney() {
  const settings = useSettingsStore();
  const hidden = () => settings.settings.hideMoney;
  /** "≈ $5.00" when the currency display is on (never in hide-money mode), else ''. */
  const currency = (n: number) => {
    const { showCurrency, currency: code, currencyPerToken } = settings.settings;
    if (hidden() || !showCurrency) return '';
    const value = formatCurrency(n, { currency: code, perToken: currencyPerToken });
    return value ? `≈ ${value}` : '';
  };
  return {
    tokens: (n: number) => {
      const extra = currency(n);
      return extra ? `${formatTokens(n, hidden())} (${extra})` : formatTokens(n, hidden());
    },
    /** only the token amount, for tight places (badges, bars) */
    tokensOnly: (n: number) => formatTokens(n, hidden()),
    currency,
    number: (n: number) => (hidden() ? MASK : formatNumber(n)),
    text: (s: string) => maskMoney(s, hidden()),
  };
}
