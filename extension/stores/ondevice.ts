import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef } from 'vue';
import { storage } from 'wxt/utils/storage';
import { useApi } from '@/composables/useApi';
import {
  createOnDeviceAI,
  FEATURES,
  OnDeviceUnavailable,
  suggestOnDevice,
  writeOnDevice,
  type DeviceTranslation,
  type Engine,
  type Feature,
  type ModelState,
  type OnDeviceAI,
  type UsageStore,
} from '@/utils/ondevice';
import type { ReplyRequest, WriteKind, WriteRequest, WriteResponse } from '@/utils/shared/types';
import { useSettingsStore } from './settings';

const usageStore: UsageStore = {
  get: (key) => storage.getItem(`local:${key}`),
  set: (key, value) => storage.setItem(`local:${key}`, value),
};

/** Where each AI feature runs (this device or the server) and the on-device models' states. */
export const useOnDeviceStore = defineStore('ondevice', () => {
  const settings = useSettingsStore();
  const ai = shallowRef<OnDeviceAI | null>(null);
  const states = shallowRef<Record<Feature, ModelState> | null>(null);
  let starting: Promise<OnDeviceAI | null> | null = null;

  const choices = computed(() => {
    void states.value; // recompute when a model's state changes
    return (
      ai.value?.choose({
        preferences: settings.settings.aiEngines,
        keepChatOnDevice: settings.settings.keepChatOnDevice,
      }) ?? null
    );
  });

  /** Load the server's skip rules once and ask Chrome for every model's state (no download). */
  function start(): Promise<OnDeviceAI | null> {
    starting ??= (async () => {
      try {
        const { detection } = await useApi().languages();
        const reader = settings.settings.language;
        const translationPair = { sourceLanguage: reader === 'en' ? 'es' : 'en', targetLanguage: reader };
        const created = createOnDeviceAI({ rules: detection, usageStore, translationPair });
        const unique = new Set(Object.values(created.trackers));
        unique.forEach((t) => t.onChange(() => refreshStates(created)));
        ai.value = created;
        // counts wait in memory for a moment: write them before the panel may go away
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'hidden') void created.usage.flush();
        });
        await created.refresh();
        refreshStates(created);
        return created;
      } catch {
        starting = null; // signed out or offline: try again next time
        return null;
      }
    })();
    return starting;
  }

  function refreshStates(current: OnDeviceAI): void {
    states.value = Object.fromEntries(FEATURES.map((f) => [f, current.trackers[f].state])) as Record<
      Feature,
      ModelState
    >;
    triggerRef(states);
  }

  function engineFor(feature: Feature): Engine {
    const choice = choices.value?.[feature];
    if (choice) return choice.engine;
    return settings.settings.keepChatOnDevice && feature !== 'writing' ? 'none' : 'server';
  }

  /** Start a model's download; call from the click handler (Chrome needs the user activation). */
  function download(feature: Feature): Promise<unknown> | undefined {
    return ai.value?.trackers[feature].download().catch(() => undefined);
  }

  /** A line's translation on the device, or null to use the fallback (or nothing). */
  async function translate(text: string, target: string, source?: string): Promise<DeviceTranslation | null> {
    return (await start())?.translator?.translate(text, target, source) ?? null;
  }

  /** Reply suggestions on the device; on a model that is not ready, the server unless chat must stay here.
   *  `fallback` says why the server answered when this device was chosen. */
  async function suggest(body: ReplyRequest): Promise<{ suggestions: string[]; engine: Engine; fallback?: string }> {
    const current = await start();
    let fallback: string | undefined;
    if (current?.runner) {
      try {
        return await suggestOnDevice(useApi(), current.runner, body);
      } catch (error) {
        if (!(error instanceof OnDeviceUnavailable) || settings.settings.keepChatOnDevice) throw error;
        fallback = fallbackNote(error);
      }
    }
    if (settings.settings.keepChatOnDevice) throw new Error('Reply suggestions cannot run on this device.');
    return { ...(await useApi().reply(body)), engine: 'server', fallback };
  }

  /** Writing on the device; a model that is not ready falls back to the server (no chat text in it). */
  async function write(
    kind: WriteKind,
    body: WriteRequest,
  ): Promise<WriteResponse & { engine: Engine; fallback?: string }> {
    const current = await start();
    let fallback: string | undefined;
    if (current?.runner) {
      try {
        const written = await writeOnDevice(useApi(), current.runner, kind, { ...body });
        return { ...written, kind };
      } catch (error) {
        if (!(error instanceof OnDeviceUnavailable)) throw error;
        fallback = fallbackNote(error);
      }
    }
    return { ...(await useApi().write(kind, body)), engine: 'server', fallback };
  }

  return { ai, states, choices, start, engineFor, download, translate, suggest, write };
});

/** Why the server answered a request this device was chosen for (Chrome's availability state). */
function fallbackNote(error: OnDeviceUnavailable): string {
  return error.availability === 'unavailable'
    ? "This device's model does not write in this language, so the server answered."
    : `This device's model is ${error.availability}, so the server answered.`;
}
