import type { Tone, WriteKind, WriteLength } from '@/utils/shared/types';

export interface WriteKindInfo {
  kind: WriteKind;
  label: string;
  placeholder: string;
}

export const WRITE_KIND_INFO: WriteKindInfo[] = [
  { kind: 'room_subject', label: 'Room subject', placeholder: 'e.g. goal: dance at 500, fun tip menu' },
  { kind: 'bio', label: 'Bio', placeholder: 'a few words about you and your shows' },
  { kind: 'tip_menu', label: 'Tip menu', placeholder: 'a theme for the menu (optional)' },
  { kind: 'social_post', label: 'Social post', placeholder: 'what to announce (going live, a new show…)' },
  { kind: 'thank_you', label: 'Thank-you', placeholder: 'anything to mention (optional)' },
];

/** Characters per kind and length, as the server trims them (server/services/writing.py). */
export const LENGTH_LIMITS: Record<Exclude<WriteKind, 'social_post'>, Record<WriteLength, number>> = {
  room_subject: { short: 80, medium: 160, long: 255 },
  bio: { short: 300, medium: 800, long: 2000 },
  tip_menu: { short: 1500, medium: 1500, long: 1500 },
  thank_you: { short: 80, medium: 140, long: 200 },
};

export const SOCIAL_NETWORKS: { id: string; label: string; limit: number }[] = [
  { id: 'x', label: 'X / Twitter', limit: 280 },
  { id: 'bluesky', label: 'Bluesky', limit: 300 },
  { id: 'reddit', label: 'Reddit (title)', limit: 300 },
  { id: 'threads', label: 'Threads', limit: 500 },
  { id: 'mastodon', label: 'Mastodon', limit: 500 },
  { id: 'instagram', label: 'Instagram', limit: 2200 },
  { id: 'tiktok', label: 'TikTok', limit: 2200 },
];

export function writeLimit(kind: WriteKind, length: WriteLength, network: string): number {
  if (kind === 'social_post') return SOCIAL_NETWORKS.find((n) => n.id === network)?.limit ?? 280;
  return LENGTH_LIMITS[kind][length];
}

export const TONES: Tone[] = ['friendly', 'flirty', 'playful', 'grateful', 'teasing', 'funny', 'professional'];

export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'pt', name: 'Português' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'it', name: 'Italiano' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'pl', name: 'Polski' },
  { code: 'ro', name: 'Română' },
  { code: 'ru', name: 'Русский' },
  { code: 'uk', name: 'Українська' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'ja', name: '日本語' },
  { code: 'ko', name: '한국어' },
  { code: 'zh', name: '中文' },
  { code: 'th', name: 'ไทย' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'id', name: 'Bahasa Indonesia' },
  { code: 'ar', name: 'العربية' },
  { code: 'hi', name: 'हिन्दी' },
];
