/**
 * Chat translation on the device: the server's skip rules, local language detection, one
 * Translator per pair, a per-line cache, no rate cap. Results have the server's shape
 * ({text, source, target, cached, charged_chars, detected}) plus `engine: 'device'`.
 */
import { normalizeLine, primary, SkipRules } from './skip';
import { TranslatorPool } from './translator-pool';
import type { DetectionRules, LanguageDetectorFactory, LanguageDetectorInstance, TranslatorFactory } from './types';
import type { OnDeviceUsage } from './usage';

export interface DeviceTranslation {
  text: string;
  source: string | null;
  target: string;
  cached: boolean;
  charged_chars: 0;
  detected: string | null;
  /** false when the line needed no translation (same language, emoji, numbers, slang) */
  translated: boolean;
  engine: 'device';
}

export interface DeviceTranslatorOptions {
  translator: TranslatorFactory;
  detector?: LanguageDetectorFactory;
  rules: DetectionRules;
  usage: OnDeviceUsage;
  pool?: TranslatorPool;
  cacheSize?: number;
}

export class DeviceTranslator {
  readonly pool: TranslatorPool;
  private readonly skip: SkipRules;
  private readonly cache = new Map<string, Promise<DeviceTranslation | null>>();
  private detector: Promise<LanguageDetectorInstance | null> | null = null;

  constructor(private readonly options: DeviceTranslatorOptions) {
    this.pool = options.pool ?? new TranslatorPool(options.translator);
    this.skip = new SkipRules(options.rules);
  }

  /**
   * `text` in `target`, or null when this line cannot be done on the device (no local detector
   * for a line of unknown language, or the pair is not downloaded): the caller's fallback decides.
   */
  translate(text: string, target: string, source?: string | null): Promise<DeviceTranslation | null> {
    const line = normalizeLine(text);
    const key = `${primary(target)}\u0001${source ?? ''}\u0001${line}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // most recent last: the Map's order is the eviction order
      this.cache.set(key, hit);
      return hit.then((r) => (r ? { ...r, cached: r.translated } : null));
    }
    const pending = this.run(line, text, primary(target), source ?? null);
    this.remember(key, pending);
    return pending;
  }

  /** Free the models (panel closed, or the engine choice changed). */
  close(): void {
    this.pool.destroyAll();
    void this.detector?.then((d) => d?.destroy());
    this.detector = null;
    this.cache.clear();
  }

  private async run(
    line: string,
    original: string,
    target: string,
    given: string | null,
  ): Promise<DeviceTranslation | null> {
    const unchanged = (source: string | null, detected: string | null): DeviceTranslation => ({
      text: original,
      source,
      target,
      cached: false,
      charged_chars: 0,
      detected,
      translated: false,
      engine: 'device',
    });
    const words = this.skip.words(line);
    if (!given && words.length === 0) return unchanged(null, null);
    let detected: string | null = null;
    let source = given ? primary(given) : '';
    if (!given) {
      const detector = await this.detectorReady();
      if (!detector) return null; // no local detector: the fallback decides
      const ranked = await detector.detect(words.join(' '));
      detected = this.skip.choose(ranked, target).language;
      const guessed = detected ?? this.skip.guess(ranked);
      if (!guessed) return unchanged(null, null); // no usable guess: shown as it is
      source = guessed;
    }
    if (source === target) return unchanged(source, detected);
    const translated = await this.pool.translate(line, source, target);
    if (translated === null) return null;
    this.options.usage.add('translate_chars', Array.from(line).length);
    return { ...unchanged(source, detected), text: translated, translated: true };
  }

  /** The detector, created once when Chrome has it ready (never triggers a download). */
  private detectorReady(): Promise<LanguageDetectorInstance | null> {
    const factory = this.options.detector;
    if (!factory) return Promise.resolve(null);
    this.detector ??= (async () => {
      try {
        return (await factory.availability()) === 'available' ? await factory.create() : null;
      } catch {
        return null;
      }
    })();
    return this.detector;
  }

  private remember(key: string, pending: Promise<DeviceTranslation | null>): void {
    this.cache.set(key, pending);
    void pending.then(
      (r) => r === null && this.cache.delete(key),
      () => this.cache.delete(key),
    );
    const limit = this.options.cacheSize ?? 2000;
    while (this.cache.size > limit) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
