import { describe, expect, it } from 'vitest';
import { DeviceTranslator } from '../../../utils/ondevice/translate';
import { memoryStore, OnDeviceUsage } from '../../../utils/ondevice/usage';
import { FakeLanguageDetector, FakeTranslator } from './fakes';
import cases from './fixtures/output-cases.json';

const rules = cases.detection_rules;

function setup(detector: ConstructorParameters<typeof FakeLanguageDetector>[0] = 'available') {
  const translator = new FakeTranslator({ 'es>en': 'available', 'de>en': 'available', 'fr>en': 'downloadable' });
  const fakeDetector = new FakeLanguageDetector(detector);
  const usage = new OnDeviceUsage(memoryStore());
  const device = new DeviceTranslator({ translator, detector: fakeDetector, rules, usage });
  return { translator, fakeDetector, usage, device };
}

describe('DeviceTranslator', () => {
  it('translates a line detected locally, in the server result shape', async () => {
    const { device } = setup();
    expect(await device.translate('hola  guapa, que linda', 'en')).toEqual({
      text: '[en] hola guapa, que linda',
      source: 'es',
      target: 'en',
      cached: false,
      charged_chars: 0,
      detected: 'es',
      translated: true,
      engine: 'device',
    });
  });

  it('skips what the server skips, without calling any model', async () => {
    const { device, translator, fakeDetector } = setup();
    for (const text of ['😂😂😂', '100', 'lol', '@bob lol', 'ty!! 😘', '1000 tk pls']) {
      expect((await device.translate(text, 'en'))?.translated).toBe(false);
    }
    expect((await device.translate('hello you are beautiful', 'en'))?.source).toBe('en');
    expect(translator.translations).toBe(0);
    expect(fakeDetector.instances[0]?.calls).toBe(1); // only the English line needed detecting
  });

  it('caches per line: a repeated line costs one translation', async () => {
    const { device, translator, usage } = setup();
    const first = await device.translate('gracias amor', 'en');
    const again = await Promise.all([
      device.translate('gracias amor', 'en'),
      device.translate(' gracias  amor ', 'en'),
    ]);
    expect(first?.cached).toBe(false);
    expect(again.map((r) => r?.cached)).toEqual([true, true]);
    expect(translator.translations).toBe(1);
    expect((await usage.today()).counts.translate_chars).toBe('gracias amor'.length);
  });

  it('takes the top guess when the detector is unsure, as the server lets its provider guess', async () => {
    const { device } = setup();
    const result = await device.translate('me encanta tu sonrisa', 'en'); // es 0.45: under "confident"
    expect(result).toMatchObject({ source: 'es', detected: null, translated: true });
  });

  it('translates a busy room with no cap: 500 distinct lines at once', async () => {
    const { device, translator } = setup();
    const lines = Array.from({ length: 500 }, (_, i) => `hola guapa ${'a'.repeat(i % 7)}${i}`);
    const results = await Promise.all(lines.map((l) => device.translate(l, 'en')));
    expect(results.every((r) => r?.translated)).toBe(true);
    expect(translator.translations).toBe(500);
    expect(translator.instances).toHaveLength(1); // one translator for the es>en pair
  });

  it('answers null (use the fallback) when the pair needs a download or nothing is detected here', async () => {
    const { device, translator } = setup();
    expect(await device.translate('merci tu es belle', 'en')).toBeNull();
    expect(translator.models.get('fr>en')?.state).toBe('downloadable');
    const noDetector = setup('downloadable').device;
    expect(await noDetector.translate('hola guapa', 'en')).toBeNull();
    expect((await noDetector.translate('hola guapa', 'en', 'es'))?.translated).toBe(true); // known source
  });
});
