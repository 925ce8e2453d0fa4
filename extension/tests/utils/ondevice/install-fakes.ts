/**
 * Installs the documented-shape fakes as the page's `Translator`, `LanguageDetector` and
 * `LanguageModel` globals. Bundled (esbuild, IIFE) into a Playwright init script by the e2e
 * suite, so the browser runs the very fakes the unit tests use. `globalThis.__wcpFakeAI`
 * exposes them, for counting translations and prompts from the test.
 */
import { FakeLanguageDetector, FakeLanguageModel, FakeTranslator } from './fakes';

const LANGUAGES = ['es', 'de', 'fr', 'it', 'pt', 'ru', 'ja'];
const pairs = Object.fromEntries(LANGUAGES.map((l) => [`${l}>en`, 'available' as const]));
const fakes = {
  Translator: new FakeTranslator(pairs),
  LanguageDetector: new FakeLanguageDetector('available'),
  LanguageModel: new FakeLanguageModel('available'),
};
Object.assign(globalThis, fakes, { __wcpFakeAI: fakes });
