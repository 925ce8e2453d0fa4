/**
 * On-device AI for the side panel, composed: one model tracker per feature (Settings), the
 * engine choice, the device translator and the prompt runner. Nothing here talks to the
 * server except through the `PromptSource` the caller passes to the reply/write helpers.
 */
import { ModelTracker, type ModelSource, type ModelState } from './availability';
import { chooseEngines, FEATURES, type EngineChoice, type EngineSettings, type Feature } from './engine';
import { PromptRunner } from './prompt-runner';
import { DeviceTranslator } from './translate';
import {
  builtinAI,
  type Availability,
  type BuiltinAI,
  type CreateCommon,
  type Destroyable,
  type DetectionRules,
  type TranslatorOptions,
} from './types';
import { OnDeviceUsage, type UsageStore } from './usage';

export * from './availability';
export * from './engine';
export * from './prompt-runner';
export * from './translate';
export * from './types';
export * from './usage';
export { applyRules, OnDeviceOutputError } from './validate';

export interface OnDeviceOptions {
  /** Where the globals live (the panel's `self`; a fake in tests). */
  scope?: object;
  rules: DetectionRules;
  usageStore: UsageStore;
  /** The pair Settings checks and downloads for translation (source: the room's usual language). */
  translationPair: TranslatorOptions;
  now?: () => number;
}

export interface OnDeviceAI {
  ai: BuiltinAI;
  trackers: Record<Feature, ModelTracker>;
  usage: OnDeviceUsage;
  translator: DeviceTranslator | null;
  runner: PromptRunner | null;
  /** Ask Chrome for every model's state (never downloads). */
  refresh(): Promise<Record<Feature, ModelState>>;
  choose(settings: EngineSettings): Record<Feature, EngineChoice>;
  close(): void;
}

interface Factory<O> {
  availability(options?: O): Promise<Availability>;
  create(options?: O & CreateCommon): Promise<Destroyable>;
}

/** A factory with its options bound, as a tracker sees it (undefined: no such API here). */
function bind<O extends object>(factory: Factory<O> | undefined, options?: O): ModelSource | undefined {
  if (!factory) return undefined;
  return {
    availability: () => factory.availability(options),
    create: (common) => factory.create({ ...(options as O), ...common }),
  };
}

export function createOnDeviceAI(options: OnDeviceOptions): OnDeviceAI {
  const ai = builtinAI(options.scope);
  const usage = new OnDeviceUsage(options.usageStore, options.now);
  const model = new ModelTracker(bind(ai.LanguageModel), 'The Prompt API (LanguageModel)');
  const trackers: Record<Feature, ModelTracker> = {
    translation: new ModelTracker(bind(ai.Translator, options.translationPair), 'The Translator API'),
    detection: new ModelTracker(bind(ai.LanguageDetector), 'The Language Detector API'),
    replies: model,
    writing: model,
  };
  const translator = ai.Translator
    ? new DeviceTranslator({ translator: ai.Translator, detector: ai.LanguageDetector, rules: options.rules, usage })
    : null;
  const runner = ai.LanguageModel ? new PromptRunner(ai.LanguageModel, usage) : null;
  const states = () => Object.fromEntries(FEATURES.map((f) => [f, trackers[f].state])) as Record<Feature, ModelState>;
  return {
    ai,
    trackers,
    usage,
    translator,
    runner,
    async refresh() {
      await Promise.all([...new Set(Object.values(trackers))].map((t) => t.refresh()));
      return states();
    },
    choose: (settings) => {
      const current = states();
      // Translating on the device needs a detector too, unless the line's language is known.
      if (current.detection.kind !== 'available' && current.translation.kind === 'available') {
        current.translation = current.detection;
      }
      return chooseEngines(current, settings);
    },
    close: () => translator?.close(),
  };
}
