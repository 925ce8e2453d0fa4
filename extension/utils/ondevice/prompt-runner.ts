/**
 * Replies and writing on the device: the server prepares the prompt once (persona,
 * boundaries, banned words, room context; POST /api/v1/reply/prompt, /write/<kind>/prompt),
 * `LanguageModel` runs it here, and the server's own output rules decide what is usable.
 */
import type { LanguageModelFactory, LanguageModelOptions, PreparedPrompt } from './types';
import type { OnDeviceUsage, UsageFeature } from './usage';
import { CATALOG, type ReplyBody } from '@/utils/shared/wire';
import { applyRules } from './validate';

/** The body of POST /api/v1/reply/prompt (the same as POST /api/v1/reply). */
export type ReplyPromptBody = ReplyBody;

/** Where prepared prompts come from (the panel's API client). */
export interface PromptSource {
  replyPrompt(body: ReplyPromptBody): Promise<PreparedPrompt>;
  writePrompt(kind: string, body: Record<string, unknown>): Promise<PreparedPrompt>;
}

export class OnDeviceUnavailable extends Error {
  constructor(readonly availability: string) {
    super(`The on-device model is ${availability}.`);
    this.name = 'OnDeviceUnavailable';
  }
}

const USAGE_FEATURES: readonly string[] = CATALOG.quotas.map((q) => q.feature);

export class PromptRunner {
  constructor(
    private readonly model: LanguageModelFactory,
    private readonly usage: OnDeviceUsage,
  ) {}

  /** The prepared prompt's usable variants; throws OnDeviceUnavailable, OnDeviceOutputError
   *  or Chrome's DOMExceptions (NotSupportedError, QuotaExceededError, AbortError). */
  async run(prepared: PreparedPrompt, signal?: AbortSignal): Promise<string[]> {
    const messages = [...prepared.messages];
    const last = messages.pop();
    if (!last || last.role !== 'user') throw new Error('A prepared prompt ends with the user message.');
    const options: LanguageModelOptions = {
      initialPrompts: messages,
      expectedOutputs: [{ type: 'text', languages: [prepared.language] }],
      ...(await this.sampling(prepared.generation.temperature)),
    };
    const availability = await this.model.availability(options);
    if (availability !== 'available') throw new OnDeviceUnavailable(availability);
    const session = await this.model.create({ ...options, signal });
    let answer: string;
    try {
      answer = await session.prompt(last.content, { signal });
    } finally {
      session.destroy();
    }
    const system = messages.find((m) => m.role === 'system')?.content ?? '';
    const variants = applyRules(answer, prepared.output, system);
    if (USAGE_FEATURES.includes(prepared.feature)) {
      this.usage.add(prepared.feature as UsageFeature, prepared.units);
    }
    return variants;
  }

  /** Chrome takes temperature and topK together or not at all. */
  private async sampling(temperature: number): Promise<Pick<LanguageModelOptions, 'temperature' | 'topK'>> {
    const params = this.model.params ? await this.model.params().catch(() => null) : null;
    if (!params) return {};
    return { temperature: Math.min(temperature, params.maxTemperature), topK: params.defaultTopK };
  }
}

/** Reply suggestions on the device, in POST /api/v1/reply's answer shape. */
export async function suggestOnDevice(source: PromptSource, runner: PromptRunner, body: ReplyPromptBody) {
  const prepared = await source.replyPrompt(body);
  const suggestions = await runner.run(prepared);
  return { suggestions, language: prepared.language, engine: 'device' as const };
}

/** Writing on the device, in POST /api/v1/write/<kind>'s answer shape. */
export async function writeOnDevice(
  source: PromptSource,
  runner: PromptRunner,
  kind: string,
  body: Record<string, unknown>,
) {
  const prepared = await source.writePrompt(kind, body);
  const variants = await runner.run(prepared);
  return { variants, kind, limit: prepared.output.max_chars, engine: 'device' as const };
}
