import { useSettingsStore } from '@/stores/settings';
import { formatTokens, maskMoney, MASK, formatNumber } from '@/utils/shared/format';

/** Token amounts as the streamer wants them shown: masked everywhere in hide-money mode. */
export function useMoney() {
  const settings = useSettingsStore();
  const hidden = () => settings.settings.hideMoney;
  return {
    tokens: (n: number) => formatTokens(n, hidden()),
    number: (n: number) => (hidden() ? MASK : formatNumber(n)),
    text: (s: string) => maskMoney(s, hidden()),
  };
}
