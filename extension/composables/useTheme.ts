import { computed, onScopeDispose, ref, watchEffect } from 'vue';
import { useSettingsStore } from '@/stores/settings';
import type { ThemeChoice } from '@/utils/shared/storage';

/** Applies light/dark: the stored choice, or the system's when it is "system". */
export function useTheme() {
  const settings = useSettingsStore();
  const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  const systemDark = ref(media?.matches ?? false);
  const onChange = (e: MediaQueryListEvent) => (systemDark.value = e.matches);
  media?.addEventListener('change', onChange);
  onScopeDispose(() => media?.removeEventListener('change', onChange));

  const dark = computed(() => {
    const choice = settings.settings.theme;
    return choice === 'dark' || (choice === 'system' && systemDark.value);
  });
  watchEffect(() => document.documentElement.classList.toggle('dark', dark.value));

  function toggle(): void {
    const next: ThemeChoice = dark.value ? 'light' : 'dark';
    void settings.save({ theme: next });
  }
  return { dark, toggle };
}
