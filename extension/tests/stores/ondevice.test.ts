import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFeedStore } from '@/stores/feed';
import { useOnDeviceStore } from '@/stores/ondevice';
import { useSettingsStore } from '@/stores/settings';
import { useTranslationsStore } from '@/stores/translations';
import type { TranslateItem } from '@/utils/shared/types';
import { envelope, fakeApi, resetPanel } from '@/tests/helpers/panel';
import { FakeLanguageDetector, FakeLanguageModel, FakeTranslator } from '@/tests/utils/ondevice/fakes';
import cases from '@/tests/utils/ondevice/fixtures/output-cases.json';

const GLOBALS = ['Translator', 'LanguageDetector', 'LanguageModel'] as const;
const SPANISH = ['hola guapa', 'que linda estas hoy', 'me encanta tu sonrisa', 'saludos desde madrid'];

function installFakes(): FakeTranslator {
  const translator = new FakeTranslator({ 'es>en': 'available', 'de>en': 'downloadable' });
  Object.assign(globalThis, {
    Translator: translator,
    LanguageDetector: new FakeLanguageDetector('available'),
    LanguageModel: new FakeLanguageModel('available'),
  });
  return translator;
}

async function setup(patch: { keepChatOnDevice?: boolean } = {}) {
  const serverCalls: string[] = [];
  fakeApi({
    languages: async () => ({ detection: cases.detection_rules, default_target: 'en' }),
    translateBatch: async (items: TranslateItem[]) => {
      serverCalls.push(...items.map((i) => i.text));
      return {
        items: items.map((i) => ({
          text: `EN:${i.text}`,
          source: 'es',
          target: 'en',
          cached: false,
          charged_chars: 1,
        })),
      };
    },
    reply: async () => (serverCalls.push('reply'), { suggestions: ['server'] }),
  });
  const settings = useSettingsStore();
  await settings.load();
  await settings.save({ language: 'en', ...patch });
  const ondevice = useOnDeviceStore();
  await ondevice.start();
  return { serverCalls, ondevice, feed: useFeedStore(), translations: useTranslationsStore() };
}

beforeEach(resetPanel);
afterEach(() => {
  for (const name of GLOBALS) delete (globalThis as Record<string, unknown>)[name];
  vi.useRealTimers();
});

describe('on-device engine in the panel stores', () => {
  it('translates every line on the device, with no cap and no server call', async () => {
    const translator = installFakes();
    const { serverCalls, ondevice, feed, translations } = await setup();
    expect(ondevice.engineFor('translation')).toBe('device');
    const added = feed.add(
      Array.from({ length: 120 }, (_, i) => envelope(i + 1, { message: { message: `${SPANISH[i % 4]} ${i}` } })),
    );
    translations.enqueue(added);
    await vi.waitFor(() => expect(added.every((item) => translations.translationOf(item) !== null)).toBe(true));
    expect(translations.translationOf(added[0]!)).toBe('[en] hola guapa 0');
    expect(translator.translations).toBe(120);
    expect(serverCalls).toEqual([]);
  });

  it('sends a line whose pair is not downloaded to the server, unless chat stays here', async () => {
    vi.useFakeTimers();
    installFakes();
    const { serverCalls, ondevice, feed, translations } = await setup();
    expect(ondevice.engineFor('translation')).toBe('device');
    const added = feed.add([
      envelope(1, { message: { message: 'hola guapa' } }),
      envelope(2, { message: { message: 'danke schön für alles' } }),
    ]);
    translations.enqueue(added);
    await vi.advanceTimersByTimeAsync(600);
    expect(serverCalls).toEqual(['danke schön für alles']);
    expect(translations.translationOf(added[0]!)).toBe('[en] hola guapa');
  });

  it('keeps a line whose pair is not downloaded on the device when chat must stay here', async () => {
    vi.useFakeTimers();
    installFakes();
    const { serverCalls, feed, translations } = await setup({ keepChatOnDevice: true });
    translations.enqueue(feed.add([envelope(1, { message: { message: 'danke schön für alles' } })]));
    await vi.advanceTimersByTimeAsync(600);
    expect(serverCalls).toEqual([]);
  });

  it('keeps chat off the server when it must stay on the device and no model is here', async () => {
    const { serverCalls, ondevice, feed, translations } = await setup({ keepChatOnDevice: true });
    expect(ondevice.engineFor('translation')).toBe('none');
    expect(ondevice.engineFor('replies')).toBe('none');
    expect(ondevice.engineFor('writing')).toBe('server');
    translations.enqueue(feed.add([envelope(1, { message: { message: 'hola guapa' } })]));
    await translations.flush();
    await expect(ondevice.suggest({ broadcaster: 'alice', event_id: 'ev1' })).rejects.toThrow(
      'cannot run on this device',
    );
    expect(serverCalls).toEqual([]);
  });

  it('uses the server when this browser has no built-in AI', async () => {
    vi.useFakeTimers();
    const { serverCalls, ondevice, feed, translations } = await setup();
    expect(ondevice.engineFor('translation')).toBe('server');
    expect(ondevice.choices?.translation.reason).toContain('not supported here');
    translations.enqueue(feed.add([envelope(1, { message: { message: 'hola guapa' } })]));
    await vi.advanceTimersByTimeAsync(600);
    expect(serverCalls).toEqual(['hola guapa']);
  });
});
