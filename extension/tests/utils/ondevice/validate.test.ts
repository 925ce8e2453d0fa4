import { describe, expect, it } from 'vitest';
import { SkipRules } from '../../../utils/ondevice/skip';
import type { DetectionRules, OutputRules } from '../../../utils/ondevice/types';
import { applyRules, OnDeviceOutputError } from '../../../utils/ondevice/validate';
import cases from './fixtures/output-cases.json';

interface OutputCase {
  name: string;
  rules: OutputRules;
  answer: string;
  system: string;
  expected?: string[];
  error?: { code: string; reason: string };
}
const fixture = cases as unknown as {
  output: OutputCase[];
  detection_rules: DetectionRules;
  detection: { text: string; skip: boolean }[];
};

describe('the server output rules, applied on the device', () => {
  it.each(fixture.output.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (c.expected) {
      expect(applyRules(c.answer, c.rules, c.system)).toEqual(c.expected);
      return;
    }
    let caught: unknown;
    try {
      applyRules(c.answer, c.rules, c.system);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OnDeviceOutputError);
    expect((caught as OnDeviceOutputError).code).toBe(c.error?.code);
    expect((caught as OnDeviceOutputError).reason).toBe(c.error?.reason);
  });
});

describe('the server skip rules, applied on the device', () => {
  const rules = new SkipRules(fixture.detection_rules);
  it.each(fixture.detection.map((c) => [c.text, c.skip] as const))('%s skips: %s', (text, skip) => {
    expect(rules.words(text).length === 0).toBe(skip);
  });

  it('leans to the reader language when the guess is weak and it is a close second', () => {
    const ranked = [
      { detectedLanguage: 'es', confidence: 0.4 },
      { detectedLanguage: 'en', confidence: 0.3 },
      { detectedLanguage: 'und', confidence: 0.1 },
    ];
    expect(rules.choose(ranked, 'en').language).toBe('en');
    expect(rules.choose(ranked, 'de').language).toBeNull();
    expect(rules.choose([{ detectedLanguage: 'pt-BR', confidence: 0.8 }], 'en').language).toBe('pt');
  });
});
