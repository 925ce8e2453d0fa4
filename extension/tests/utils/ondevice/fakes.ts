/**
 * Fakes of Chrome's Translator, LanguageDetector and LanguageModel written to the documented
 * shapes: availability() states, create({monitor}) firing `downloadprogress` ({loaded}),
 * NotAllowedError when a download would start without a user activation, NotSupportedError
 * for unsupported options, and instances that refuse work after destroy().
 */
import type {
  Availability,
  CreateCommon,
  DetectedLanguage,
  LanguageDetectorFactory,
  LanguageModelFactory,
  LanguageModelMessage,
  LanguageModelOptions,
  TranslatorFactory,
  TranslatorOptions,
} from '../../../utils/ondevice/types';

/** Stands in for navigator.userActivation: true only inside a simulated click. */
export const activation = { isActive: false };

export async function click<T>(action: () => Promise<T>): Promise<T> {
  activation.isActive = true;
  try {
    return await action();
  } finally {
    activation.isActive = false;
  }
}

const fail = (name: string, message: string) => new DOMException(message, name);

/** One downloadable model: state, download steps, the create() rules every API shares. */
class FakeModel {
  creates = 0;
  constructor(
    public state: Availability,
    private readonly steps = [0, 0.5, 1],
  ) {}

  async open(common: CreateCommon | undefined): Promise<void> {
    if (this.state === 'unavailable') throw fail('NotSupportedError', 'not supported on this device');
    if (this.state !== 'available') {
      if (!activation.isActive) throw fail('NotAllowedError', 'requires a user gesture to download');
      const monitor = new EventTarget();
      common?.monitor?.(monitor);
      for (const loaded of this.steps) {
        const event = Object.assign(new Event('downloadprogress'), { loaded });
        monitor.dispatchEvent(event);
      }
      this.state = 'available';
    } else {
      common?.monitor?.(new EventTarget());
    }
    this.creates += 1;
  }
}

class Instance {
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
  protected check(): void {
    if (this.destroyed) throw fail('AbortError', 'the instance was destroyed');
  }
}

export class FakeTranslatorInstance extends Instance {
  calls: string[] = [];
  constructor(readonly options: TranslatorOptions) {
    super();
  }
  async translate(input: string): Promise<string> {
    this.check();
    this.calls.push(input);
    return `[${this.options.targetLanguage}] ${input}`;
  }
}

/** `pairs`: "es>en" -> state; any other pair is unavailable. */
export class FakeTranslator implements TranslatorFactory {
  readonly models = new Map<string, FakeModel>();
  readonly instances: FakeTranslatorInstance[] = [];
  constructor(pairs: Record<string, Availability>) {
    for (const [pair, state] of Object.entries(pairs)) this.models.set(pair, new FakeModel(state));
  }
  private model(o: TranslatorOptions): FakeModel {
    return this.models.get(`${o.sourceLanguage}>${o.targetLanguage}`) ?? new FakeModel('unavailable');
  }
  async availability(options: TranslatorOptions): Promise<Availability> {
    return this.model(options).state;
  }
  async create(options: TranslatorOptions & CreateCommon): Promise<FakeTranslatorInstance> {
    await this.model(options).open(options);
    const instance = new FakeTranslatorInstance({
      sourceLanguage: options.sourceLanguage,
      targetLanguage: options.targetLanguage,
    });
    this.instances.push(instance);
    return instance;
  }
  get translations(): number {
    return this.instances.reduce((sum, i) => sum + i.calls.length, 0);
  }
}

/** A toy detector: distinctive words per language, and scripts for Russian and Japanese. */
const WORDS: Record<string, string[]> = {
  es: [
    'hola',
    'guapa',
    'que',
    'linda',
    'como',
    'estas',
    'eres',
    'hermosa',
    'gracias',
    'amor',
    'saludos',
    'desde',
    'encanta',
    'sonrisa',
    'hoy',
  ],
  de: [
    'danke',
    'schön',
    'schöne',
    'für',
    'alles',
    'bitte',
    'wie',
    'geht',
    'hallo',
    'frau',
    'grüße',
    'aus',
    'dir',
    'heute',
    'du',
    'bist',
    'toll',
    'es',
  ],
  fr: ['merci', 'bonjour', 'bonsoir', 'coucou', 'toi', 'belle', 'très', 'magnifique', 'ce', 'soir', "j'adore", 'ton'],
  pt: ['oi', 'boa', 'noite', 'do', 'você', 'é', 'demais'],
  it: ['ciao', 'bella', 'saluti', 'da', 'sei', 'bellissima'],
  en: [
    'hello',
    'hi',
    'you',
    'are',
    'the',
    'how',
    'beautiful',
    'thanks',
    'great',
    'music',
    'look',
    'amazing',
    'today',
    'goal',
    'tonight',
    'funny',
    'love',
    'new',
    'hair',
    'good',
    'evening',
    'from',
    'can',
    'say',
    "what's",
    'grabbing',
    'drink',
  ],
};
const SCRIPTS: [string, RegExp][] = [
  ['ru', /\p{Script=Cyrillic}/u],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u],
];

export class FakeDetectorInstance extends Instance {
  calls = 0;
  async detect(input: string): Promise<DetectedLanguage[]> {
    this.check();
    this.calls += 1;
    const script = SCRIPTS.find(([, pattern]) => pattern.test(input));
    if (script)
      return [
        { detectedLanguage: script[0], confidence: 0.95 },
        { detectedLanguage: 'und', confidence: 0.01 },
      ];
    const words = input.toLowerCase().split(/\s+/u).filter(Boolean);
    const scored = Object.entries(WORDS)
      .map(([code, list]) => ({ detectedLanguage: code, hits: words.filter((w) => list.includes(w)).length }))
      .filter((s) => s.hits > 0)
      .sort((a, b) => b.hits - a.hits);
    const total = words.length || 1;
    const ranked = scored.map((s) => ({ detectedLanguage: s.detectedLanguage, confidence: (0.9 * s.hits) / total }));
    return [...ranked, { detectedLanguage: 'und', confidence: 0.01 }];
  }
}

export class FakeLanguageDetector implements LanguageDetectorFactory {
  readonly model: FakeModel;
  readonly instances: FakeDetectorInstance[] = [];
  constructor(state: Availability) {
    this.model = new FakeModel(state);
  }
  async availability(): Promise<Availability> {
    return this.model.state;
  }
  async create(options?: CreateCommon): Promise<FakeDetectorInstance> {
    await this.model.open(options);
    const instance = new FakeDetectorInstance();
    this.instances.push(instance);
    return instance;
  }
}

/** Like tests/fakes/llm_server.py: N variants `#i <last data block>` for "exactly N variants". */
export function echoAnswer(system: string, input: string): string {
  const wanted = Number(/exactly (\d+) variants?/.exec(system)?.[1] ?? 1);
  const blocks = [...input.matchAll(/<([a-z_]+)>\n?([\s\S]*?)\n?<\/\1>/g)];
  const data = blocks[blocks.length - 1]?.[2] ?? input;
  return Array.from({ length: wanted }, (_, i) => `#${i + 1} ${data}`).join('\n---\n');
}

export class FakeSession extends Instance {
  prompts: string[] = [];
  constructor(
    readonly options: LanguageModelOptions,
    private readonly answer: (system: string, input: string) => string,
  ) {
    super();
  }
  async prompt(input: string): Promise<string> {
    this.check();
    this.prompts.push(input);
    const system = this.options.initialPrompts?.find((m: LanguageModelMessage) => m.role === 'system')?.content ?? '';
    return this.answer(system, input);
  }
}

/** `languages`: output languages the model supports (Chrome 140: en, es, ja). */
export class FakeLanguageModel implements LanguageModelFactory {
  readonly model: FakeModel;
  readonly sessions: FakeSession[] = [];
  answer = echoAnswer;
  constructor(
    state: Availability,
    private readonly languages = ['en', 'es', 'ja'],
  ) {
    this.model = new FakeModel(state);
  }
  private supported(options?: LanguageModelOptions): boolean {
    const wanted = options?.expectedOutputs?.flatMap((o) => o.languages ?? []) ?? [];
    return wanted.every((l) => this.languages.includes(l));
  }
  async availability(options?: LanguageModelOptions): Promise<Availability> {
    return this.supported(options) ? this.model.state : 'unavailable';
  }
  async create(options: LanguageModelOptions & CreateCommon = {}): Promise<FakeSession> {
    if (!this.supported(options)) throw fail('NotSupportedError', 'unsupported output language');
    if ((options.temperature === undefined) !== (options.topK === undefined)) {
      throw fail('NotSupportedError', 'temperature and topK go together');
    }
    await this.model.open(options);
    const session = new FakeSession(options, this.answer);
    this.sessions.push(session);
    return session;
  }
  async params() {
    return { defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 };
  }
}
