import { describe, expect, it } from 'vitest';
import { createOnDeviceAI, DEFAULT_ENGINE_SETTINGS, memoryStore } from '../../../utils/ondevice';
import { FakeLanguageDetector, FakeLanguageModel, FakeTranslator } from './fakes';
import cases from './fixtures/output-cases.json';

const base = {
  rules: cases.detection_rules,
  usageStore: memoryStore(),
  translationPair: { sourceLanguage: 'es', targetLanguage: 'en' },
};

describe('createOnDeviceAI', () => {
  it('in a browser without built-in AI, every feature runs on the server and says so', async () => {
    const ondevice = createOnDeviceAI({ ...base, scope: {} });
    await ondevice.refresh();
    const choices = ondevice.choose(DEFAULT_ENGINE_SETTINGS);
    expect(Object.values(choices).map((c) => c.engine)).toEqual(['server', 'server', 'server', 'server']);
    expect(choices.translation.reason).toContain('The Translator API is not available in this browser');
    expect(choices.detection.reason).toContain('The Language Detector API is not available in this browser');
    expect(ondevice.translator).toBeNull();
    expect(ondevice.runner).toBeNull();
  });

  it('with the models on the device, every feature runs there', async () => {
    const scope = {
      Translator: new FakeTranslator({ 'es>en': 'available' }),
      LanguageDetector: new FakeLanguageDetector('available'),
      LanguageModel: new FakeLanguageModel('available'),
    };
    const ondevice = createOnDeviceAI({ ...base, scope });
    const states = await ondevice.refresh();
    expect(Object.values(states).map((s) => s.kind)).toEqual(['available', 'available', 'available', 'available']);
    expect(Object.values(ondevice.choose(DEFAULT_ENGINE_SETTINGS)).every((c) => c.engine === 'device')).toBe(true);
  });

  it('translation waits for the detector: a missing detector keeps it on the server', async () => {
    const scope = {
      Translator: new FakeTranslator({ 'es>en': 'available' }),
      LanguageDetector: new FakeLanguageDetector('downloadable'),
    };
    const ondevice = createOnDeviceAI({ ...base, scope });
    await ondevice.refresh();
    const choice = ondevice.choose(DEFAULT_ENGINE_SETTINGS).translation;
    expect(choice.engine).toBe('server');
    expect(choice.reason).toContain('needs a download');
  });
});
