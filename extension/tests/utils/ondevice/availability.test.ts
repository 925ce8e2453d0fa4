import { describe, expect, it } from 'vitest';
import { describeState, ModelTracker, type ModelSource, type ModelState } from '../../../utils/ondevice/availability';
import { click, FakeLanguageDetector } from './fakes';

function trackerOf(fake: FakeLanguageDetector): ModelTracker {
  const source: ModelSource = { availability: () => fake.availability(), create: (c) => fake.create(c) };
  return new ModelTracker(source, 'The Language Detector API');
}

describe('ModelTracker', () => {
  it('says not supported when the browser has no such API', async () => {
    const tracker = new ModelTracker(undefined, 'The Translator API');
    expect((await tracker.refresh()).kind).toBe('unsupported');
    expect(describeState(tracker.state)).toContain('not available in this browser');
  });

  it('maps each availability() state', async () => {
    const cases: [ConstructorParameters<typeof FakeLanguageDetector>[0], ModelState['kind']][] = [
      ['available', 'available'],
      ['downloadable', 'needs-download'],
      ['downloading', 'downloading'],
      ['unavailable', 'unsupported'],
    ];
    for (const [availability, kind] of cases) {
      expect((await trackerOf(new FakeLanguageDetector(availability)).refresh()).kind).toBe(kind);
    }
  });

  it('never downloads without a click: NotAllowedError leaves it at needs-download', async () => {
    const fake = new FakeLanguageDetector('downloadable');
    const tracker = trackerOf(fake);
    await tracker.refresh();
    await expect(tracker.download()).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(tracker.state.kind).toBe('needs-download');
    expect(fake.model.state).toBe('downloadable');
  });

  it('reports download progress from the monitor, then available', async () => {
    const fake = new FakeLanguageDetector('downloadable');
    const tracker = trackerOf(fake);
    const seen: string[] = [];
    tracker.onChange((state) => seen.push(describeState(state)));
    await click(() => tracker.download());
    expect(seen).toEqual([
      'Downloading 0%',
      'Downloading 0%',
      'Downloading 50%',
      'Available on this device',
      'Available on this device',
    ]);
    expect(fake.instances[0]?.destroyed).toBe(true); // the download's instance is not kept
    expect((await tracker.refresh()).kind).toBe('available');
  });

  it('explains NotSupportedError', async () => {
    const tracker = trackerOf(new FakeLanguageDetector('unavailable'));
    await expect(click(() => tracker.download())).rejects.toMatchObject({ name: 'NotSupportedError' });
    expect(describeState(tracker.state)).toContain('not supported on this device');
  });
});
