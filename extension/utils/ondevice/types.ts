/**
 * Chrome's built-in AI (Translator, LanguageDetector, LanguageModel), typed to the documented
 * shapes, and the server's wire types for running its prepared prompts on the device.
 *
 * Chrome 138+ desktop: `self.Translator`, `self.LanguageDetector`, `self.LanguageModel`.
 * availability() answers one of four states; create() with a `monitor` reports
 * `downloadprogress` events (`loaded` in 0..1); create() needs a user activation while the
 * model is still downloadable/downloading (NotAllowedError otherwise); an unsupported option
 * set throws NotSupportedError; destroy() frees the model, later calls throw.
 */

export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** The `m` of `monitor(m)`: an EventTarget firing `downloadprogress` ({loaded: 0..1}). */
export type CreateMonitor = EventTarget;
export interface DownloadProgressEvent extends Event {
  readonly loaded: number;
}

export interface CreateCommon {
  monitor?: (monitor: CreateMonitor) => void;
  signal?: AbortSignal;
}

export interface Destroyable {
  destroy(): void;
}

export interface TranslatorOptions {
  sourceLanguage: string;
  targetLanguage: string;
}
export interface TranslatorInstance extends Destroyable {
  translate(input: string, options?: { signal?: AbortSignal }): Promise<string>;
}
export interface TranslatorFactory {
  availability(options: TranslatorOptions): Promise<Availability>;
  create(options: TranslatorOptions & CreateCommon): Promise<TranslatorInstance>;
}

export interface LanguageDetectorOptions {
  expectedInputLanguages?: string[];
}
export interface DetectedLanguage {
  detectedLanguage: string;
  confidence: number;
}
export interface LanguageDetectorInstance extends Destroyable {
  detect(input: string, options?: { signal?: AbortSignal }): Promise<DetectedLanguage[]>;
}
export interface LanguageDetectorFactory {
  availability(options?: LanguageDetectorOptions): Promise<Availability>;
  create(options?: LanguageDetectorOptions & CreateCommon): Promise<LanguageDetectorInstance>;
}

export interface LanguageModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
export interface LanguageModelOptions {
  initialPrompts?: LanguageModelMessage[];
  temperature?: number;
  topK?: number;
  expectedInputs?: { type: 'text'; languages?: string[] }[];
  expectedOutputs?: { type: 'text'; languages?: string[] }[];
}
export interface LanguageModelParams {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}
export interface LanguageModelSession extends Destroyable {
  prompt(input: string, options?: { signal?: AbortSignal }): Promise<string>;
}
export interface LanguageModelFactory {
  availability(options?: LanguageModelOptions): Promise<Availability>;
  create(options?: LanguageModelOptions & CreateCommon): Promise<LanguageModelSession>;
  params?(): Promise<LanguageModelParams | null>;
}

/** The globals one context exposes (any may be missing: not supported there). */
export interface BuiltinAI {
  Translator?: TranslatorFactory;
  LanguageDetector?: LanguageDetectorFactory;
  LanguageModel?: LanguageModelFactory;
}

/** The built-in AI globals of `scope` (the side panel's `self` by default). */
export function builtinAI(scope: object = globalThis): BuiltinAI {
  const globals = scope as Record<string, unknown>;
  return {
    Translator: globals.Translator as TranslatorFactory | undefined,
    LanguageDetector: globals.LanguageDetector as LanguageDetectorFactory | undefined,
    LanguageModel: globals.LanguageModel as LanguageModelFactory | undefined,
  };
}

// --- the server's wire shapes (POST /api/v1/reply/prompt, /write/<kind>/prompt, /translate/languages),
// generated from its models (utils/shared/wire.ts): `output` is what server/services/ai/output_rules.py enforces,
// `detection` the server's skip rules and thresholds.
export type { DetectionRules, OutputRulesView as OutputRules, PreparedPrompt } from '@/utils/shared/wire';
