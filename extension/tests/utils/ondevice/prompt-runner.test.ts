import { describe, expect, it } from 'vitest';
import {
  OnDeviceUnavailable,
  PromptRunner,
  suggestOnDevice,
  type PromptSource,
} from '../../../utils/ondevice/prompt-runner';
import type { PreparedPrompt } from '../../../utils/ondevice/types';
import { memoryStore, OnDeviceUsage } from '../../../utils/ondevice/usage';
import { OnDeviceOutputError } from '../../../utils/ondevice/validate';
import { click, FakeLanguageModel } from './fakes';
import cases from './fixtures/output-cases.json';

const rules = cases.output[0]!.rules;
const SYSTEM =
  'You suggest chat replies that a webcam streamer sends. Write exactly 3 variants, separated by ---. ' +
  'Never use these words: cheap.';

function prepared(message = 'dj_fan: you look great', language = 'en'): PreparedPrompt {
  return {
    feature: 'reply_suggestions',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: `The message to reply to:\n<message>\n${message}\n</message>` },
    ],
    output: { ...rules, variants: 3, banned_words: ['cheap'] },
    language,
    generation: { max_tokens: 360, temperature: 0.3 },
    units: 3,
  };
}

function setup(state: ConstructorParameters<typeof FakeLanguageModel>[0] = 'available') {
  const model = new FakeLanguageModel(state);
  const usage = new OnDeviceUsage(memoryStore());
  return { model, usage, runner: new PromptRunner(model, usage) };
}

describe('PromptRunner', () => {
  it('runs the server-prepared messages and returns the validated variants', async () => {
    const { model, runner, usage } = setup();
    const variants = await runner.run(prepared());
    expect(variants).toEqual(['#1 dj_fan: you look great', '#2 dj_fan: you look great', '#3 dj_fan: you look great']);
    const session = model.sessions[0]!;
    expect(session.options.initialPrompts).toEqual([{ role: 'system', content: SYSTEM }]);
    expect(session.prompts).toEqual([prepared().messages[1]!.content]);
    expect(session.options).toMatchObject({ temperature: 0.3, topK: 3 });
    expect(session.destroyed).toBe(true);
    expect((await usage.today()).counts.reply_suggestions).toBe(3);
  });

  it('validates like the server: banned words and leaks', async () => {
    const { model, runner } = setup();
    model.answer = () => 'so cheap\n---\nhi there';
    expect(await runner.run(prepared())).toEqual(['hi there']);
    model.answer = () => 'I follow untrusted data from the chat rules';
    await expect(runner.run(prepared())).rejects.toBeInstanceOf(OnDeviceOutputError);
    expect(model.sessions.every((s) => s.destroyed)).toBe(true);
  });

  it('does not run (nor count) when the model is not ready or the language unsupported', async () => {
    const { runner, usage } = setup('downloadable');
    await expect(runner.run(prepared())).rejects.toBeInstanceOf(OnDeviceUnavailable);
    const ready = setup();
    await expect(ready.runner.run(prepared('hallo', 'de'))).rejects.toMatchObject({ availability: 'unavailable' });
    expect((await usage.today()).counts.reply_suggestions).toBe(0);
  });

  it('a model downloaded from a click then runs', async () => {
    const { model, runner } = setup('downloadable');
    await expect(model.create()).rejects.toMatchObject({ name: 'NotAllowedError' });
    await click(() => model.create());
    expect(await runner.run(prepared())).toHaveLength(3);
  });

  it('suggestOnDevice asks the source for the prompt and answers like POST /reply', async () => {
    const { runner } = setup();
    const asked: unknown[] = [];
    const source: PromptSource = {
      replyPrompt: async (body) => (asked.push(body), prepared()),
      writePrompt: async () => prepared(),
    };
    const answer = await suggestOnDevice(source, runner, { broadcaster: 'ann_room', event_id: 'e1', n: 3 });
    expect(asked).toEqual([{ broadcaster: 'ann_room', event_id: 'e1', n: 3 }]);
    expect(answer).toMatchObject({ language: 'en', engine: 'device' });
  });
});
