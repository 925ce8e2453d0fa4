/**
 * One Translator per language pair: created on first use (only when Chrome says the pair is
 * `available`: creating a downloadable pair would need a click), shared by every line of
 * that pair, destroyed after `idleMs` without use.
 */
import type { TranslatorFactory, TranslatorInstance } from './types';

export interface PoolTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: PoolTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Entry {
  ready: Promise<TranslatorInstance | null>;
  instance: TranslatorInstance | null;
  idle: unknown;
  busy: number;
}

export class TranslatorPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly factory: TranslatorFactory,
    private readonly idleMs = 60_000,
    private readonly timers: PoolTimers = REAL_TIMERS,
  ) {}

  /** Live pairs ("es>en"), for Settings and tests. */
  get pairs(): string[] {
    return [...this.entries.keys()];
  }

  /** The pair's translation, or null when the pair is not ready on this device. */
  async translate(text: string, source: string, target: string): Promise<string | null> {
    const key = `${source}>${target}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { ready: this.open(source, target), instance: null, idle: undefined, busy: 0 };
      this.entries.set(key, entry);
    }
    this.timers.clearTimeout(entry.idle);
    entry.busy += 1;
    try {
      const instance = await entry.ready;
      if (!instance) {
        this.entries.delete(key); // ask Chrome again next time (the user may have downloaded it)
        return null;
      }
      entry.instance = instance;
      return await instance.translate(text);
    } finally {
      entry.busy -= 1;
      if (entry.busy === 0 && this.entries.get(key) === entry) this.scheduleIdle(key, entry);
    }
  }

  /** Destroy every translator (the panel closes, or the privacy setting changed). */
  destroyAll(): void {
    for (const [key, entry] of this.entries) this.close(key, entry);
  }

  private async open(source: string, target: string): Promise<TranslatorInstance | null> {
    const options = { sourceLanguage: source, targetLanguage: target };
    try {
      if ((await this.factory.availability(options)) !== 'available') return null;
      return await this.factory.create(options);
    } catch {
      return null; // NotSupportedError and the like: this pair goes to the fallback
    }
  }

  private scheduleIdle(key: string, entry: Entry): void {
    entry.idle = this.timers.setTimeout(() => this.close(key, entry), this.idleMs);
  }

  private close(key: string, entry: Entry): void {
    this.timers.clearTimeout(entry.idle);
    this.entries.delete(key);
    if (entry.instance) entry.instance.destroy();
    else
      void entry.ready.then(
        (instance) => instance?.destroy(),
        () => undefined,
      );
  }
}
