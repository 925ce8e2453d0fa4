/**
 * The server's output rules (server/services/ai/output_rules.py + prompts.py), applied to an
 * on-device model's answer. Same steps in the same order: leak check, split into variants,
 * strip numbering and quotes, drop banned words, trim to the limit, keep required prices,
 * drop redacted-PII echoes. The shared fixture tests/utils/ondevice/fixtures/output-cases.json is
 * checked against both implementations.
 */
import type { OutputRules } from './types';

export class OnDeviceOutputError extends Error {
  constructor(
    readonly code: 'ai_output_rejected' | 'ai_provider_error',
    readonly reason: 'instructions_leaked' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'OnDeviceOutputError';
  }
}

// Python's str.splitlines() boundaries and str.strip() whitespace.
// eslint-disable-next-line no-control-regex -- \x1c-\x1e are line breaks to Python
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** `text` as a literal in a pattern (only syntax characters: valid with and without `u`). */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function strip(text: string): string {
  return text.trim();
}

function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function ensureNoLeak(answer: string, system: string, rules: OutputRules): void {
  const lowered = answer.toLowerCase();
  const probe = rules.system_probe_chars;
  const leaked = rules.leak_probes.some((p) => lowered.includes(p));
  if (leaked || (system.length > probe && answer.includes(system.slice(0, probe)))) {
    throw new OnDeviceOutputError(
      'ai_output_rejected',
      'instructions_leaked',
      'The AI answer was rejected by the safety filter (it repeated its instructions).',
    );
  }
}

function cleanBlock(block: string, multiline: boolean, rules: OutputRules): string {
  const lines = splitLines(strip(block)).map(strip).filter(Boolean);
  if (lines.length === 0) return '';
  lines[0] = (lines[0] ?? '').replace(new RegExp(rules.numbering_pattern, 'i'), '');
  let text = multiline ? lines.join('\n') : lines.join(' ');
  const quotes = rules.quotes;
  if (text.length >= 2 && quotes.includes(text[0] ?? '') && quotes.includes(text[text.length - 1] ?? '')) {
    text = strip(text.slice(1, -1));
  }
  return text;
}

/** At most `wanted` cleaned, distinct variants (prompts.parse_variants). */
export function parseVariants(answer: string, wanted: number, multiline: boolean, rules: OutputRules): string[] {
  const separator = new RegExp(`^\\s*${escapeRegExp(rules.separator)}+\\s*$`, 'm');
  const stripped = strip(answer);
  let blocks = splitOnLines(stripped, separator);
  if (blocks.length === 1 && !multiline && wanted > 1) blocks = splitLines(stripped);
  const variants: string[] = [];
  for (const block of blocks) {
    const cleaned = cleanBlock(block, multiline, rules);
    if (cleaned && !variants.includes(cleaned)) variants.push(cleaned);
  }
  return variants.slice(0, wanted);
}

/** re.split with a multiline pattern: split where a whole line matches the separator. */
function splitOnLines(text: string, separator: RegExp): string[] {
  const global = new RegExp(separator.source, 'gm');
  return text.split(global);
}

/** prompts.trim_to_limit: whole lines first, then whole words (lengths in code points). */
export function trimToLimit(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  const kept: string[] = [];
  for (const line of splitLines(text)) {
    if (Array.from([...kept, line].join('\n')).length > limit) break;
    kept.push(line);
  }
  if (kept.length > 0) return kept.join('\n').trimEnd();
  const cut = chars.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  const shortened = space > Math.floor(limit / 2) ? cut.slice(0, space) : cut;
  return shortened.join('').replace(/[ ,;:-]+$/, '');
}

function bannedPattern(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  // Python's \b is Unicode-aware; JavaScript's is not, so the word edges are spelled out.
  const edge = '[\\p{L}\\p{N}\\p{M}_]';
  return new RegExp(`(?<!${edge})(?:${words.map(escapeRegExp).join('|')})(?!${edge})`, 'iu');
}

function keepsNumbers(text: string, numbers: number[]): boolean {
  return numbers.every((n) => new RegExp(`(?<!\\d)${n}(?!\\d)`).test(text));
}

/** The usable variants of `answer` under `rules`, or OnDeviceOutputError (output_rules.apply_rules). */
export function applyRules(answer: string, rules: OutputRules, system: string): string[] {
  ensureNoLeak(answer, system, rules);
  const banned = bannedPattern(rules.banned_words);
  const placeholder = new RegExp(rules.pii_placeholder_pattern);
  const variants: string[] = [];
  for (const variant of parseVariants(answer, rules.variants, rules.multiline, rules)) {
    if (banned?.test(variant)) continue;
    const trimmed = trimToLimit(variant, rules.max_chars);
    const usable = trimmed !== '' && !placeholder.test(trimmed);
    if (usable && keepsNumbers(trimmed, rules.required_numbers)) variants.push(trimmed);
  }
  if (variants.length === 0) {
    throw new OnDeviceOutputError(
      'ai_provider_error',
      'empty',
      'The AI answer had no usable variant within the limits; try again.',
    );
  }
  return variants;
}
