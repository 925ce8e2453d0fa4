import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultSettings, getSettings, saveSettings, watchItem, type Settings } from '@/utils/shared/storage';

/** Mirror of the stored settings; writes go to chrome.storage so the background sees them too. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>(defaultSettings());
  const loaded = ref(false);
  let unwatch: (() => void) | null = null;

  async function load(): Promise<void> {
    settings.value = await getSettings();
    loaded.value = true;
    unwatch ??= watchItem('settings', (next) => (settings.value = next));
  }

  async function save(patch: Partial<Settings>): Promise<void> {
    settings.value = await saveSettings(patch);
  }

  return { settings, loaded, load, save };
});
