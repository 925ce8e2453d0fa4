// make bench-extension, device phase: runs in the side panel (bundled by translate.mjs with esbuild into
// an init script, as extension/e2e/ondevice.e2e.ts does with the same fakes). Chrome's Translator and
// LanguageDetector are the unit tests' fakes (extension/tests/utils/ondevice/fakes.ts: the documented
// shapes, every pair into English available); each Translator instance takes __DEVICE_MS__ ms per line
// and does one line at a time, in order, as Chrome's does (calls wait behind the earlier ones).
// The wait is a timer: the fake costs the panel's main thread nothing, as Chrome's model runs in
// another process. No LanguageModel: replies and writing stay on the server (not measured here).
import { FakeLanguageDetector, FakeTranslator } from '../../extension/tests/utils/ondevice/fakes.ts';

/* global __DEVICE_MS__ */
const MS = __DEVICE_MS__;
const LANGUAGES = ['es', 'de', 'fr', 'it', 'pt', 'ru', 'ja'];
const stats = { calls: 0, done: 0, waiting: 0, maxWaiting: 0, maxWaitingPair: '' };

class SerialTranslator extends FakeTranslator {
  async create(options) {
    const instance = await super.create(options);
    const pair = `${options.sourceLanguage}>${options.targetLanguage}`;
    const translate = instance.translate.bind(instance);
    let free = 0; // when this instance is done with the lines it already has
    let waiting = 0;
    instance.translate = (input) => {
      const now = performance.now();
      free = Math.max(free, now) + MS; // on its own clock: timer lateness does not pile up
      stats.calls += 1;
      waiting += 1;
      stats.waiting += 1;
      if (waiting > stats.maxWaiting) Object.assign(stats, { maxWaiting: waiting, maxWaitingPair: pair });
      return new Promise((resolve) => setTimeout(resolve, free - now))
        .then(() => translate(input)) // refuses once destroyed, like Chrome's
        .finally(() => {
          waiting -= 1;
          stats.waiting -= 1;
          stats.done += 1;
        });
    };
    return instance;
  }
}

const pairs = Object.fromEntries(LANGUAGES.map((l) => [`${l}>en`, 'available']));
const fakes = { Translator: new SerialTranslator(pairs), LanguageDetector: new FakeLanguageDetector('available') };
Object.assign(globalThis, fakes, { __wcpBenchAI: { ...fakes, stats } });
