/**
 * The server's language-detection skip rules (server/services/ai/langdetect.py), served as
 * `detection` by GET /api/v1/translate/languages: lines of emojis, numbers, @mentions, links,
 * placeholders and cross-language chat slang need no translation; a low-confidence guess leans
 * towards the reader's language when that language is a close second.
 */
import type { DetectedLanguage, DetectionRules } from './types';

export interface Detection {
  /** null when unsure (the line is then left untranslated on the device path). */
  language: string | null;
  confidence: number;
  translatable: boolean;
}

/** The primary subtag, lowercased ("pt-BR" -> "pt"). */
export function primary(code: string): string {
  return (code.split('-', 1)[0] ?? '').trim().toLowerCase();
}

/** translation_cache.normalize: NFKC, trimmed, inner whitespace collapsed. */
export function normalizeLine(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

export class SkipRules {
  private readonly noise: RegExp;
  private readonly word: RegExp;
  private readonly neutral: Set<string>;

  constructor(readonly rules: DetectionRules) {
    this.noise = new RegExp(rules.noise_pattern, 'gu');
    this.word = new RegExp(rules.word_pattern, 'gu');
    this.neutral = new Set(rules.chat_neutral);
  }

  /** The words that decide the language; none means the line needs no translation. */
  words(text: string): string[] {
    const cleaned = text.replace(this.noise, ' ');
    return (cleaned.match(this.word) ?? []).filter((w) => !this.neutral.has(w.toLowerCase()));
  }

  /** LanguageDetector.detect's hint logic, applied to the device detector's ranked answer. */
  choose(ranked: DetectedLanguage[], hint: string | null): Detection {
    const known = ranked
      .filter((r) => r.detectedLanguage !== 'und')
      .map((r) => ({ code: primary(r.detectedLanguage), confidence: r.confidence }));
    const top = known[0];
    if (!top) return { language: null, confidence: 0, translatable: true };
    const reader = hint ? primary(hint) : null;
    if (reader !== null && reader !== top.code) {
      const hinted = known.find((r) => r.code === reader)?.confidence ?? 0;
      if (top.confidence < this.rules.confident && hinted >= top.confidence / 2) {
        return { language: reader, confidence: hinted, translatable: true };
      }
    }
    const sure = top.confidence >= this.rules.confident;
    if (sure || (top.code === reader && top.confidence >= this.rules.hint_floor)) {
      return { language: top.code, confidence: top.confidence, translatable: true };
    }
    return { language: null, confidence: top.confidence, translatable: true };
  }

  /**
   * The best guess when `choose` is unsure. The server then lets its provider detect ("auto");
   * a device Translator needs a source, so the top guess is taken if it reaches `hint_floor`.
   */
  guess(ranked: DetectedLanguage[]): string | null {
    const top = ranked.find((r) => r.detectedLanguage !== 'und');
    return top && top.confidence >= this.rules.hint_floor ? primary(top.detectedLanguage) : null;
  }
}
