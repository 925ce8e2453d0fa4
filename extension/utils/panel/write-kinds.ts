import { CATALOG } from '@/utils/shared/wire';
import type { SocialNetwork, Tone, WriteKind, WriteLength } from '@/utils/shared/types';

export interface WriteKindInfo {
  kind: WriteKind;
  label: string;
  placeholder: string;
}

/** Display text per kind (the compiler checks every kind has one); the kinds and their order are the catalog's. */
const KIND_TEXT: Record<WriteKind, Omit<WriteKindInfo, 'kind'>> = {
  room_subject: { label: 'Room subject', placeholder: 'e.g. goal: dance at 500, fun tip menu' },
  bio: { label: 'Bio', placeholder: 'a few words about you and your shows' },
  tip_menu: { label: 'Tip menu', placeholder: 'a theme for the menu (optional)' },
  social_post: { label: 'Social post', placeholder: 'what to announce (going live, a new show…)' },
  thank_you: { label: 'Thank-you', placeholder: 'anything to mention (optional)' },
};

export const WRITE_KIND_INFO: WriteKindInfo[] = CATALOG.write.kinds.map((kind) => ({ kind, ...KIND_TEXT[kind] }));

/** Characters per kind and length, as the server trims them (from the server's catalog). */
export const LENGTH_LIMITS = CATALOG.write.length_limits;

/** Display names of the catalog's social networks; `null` hides an alias of another entry. */
const NETWORK_LABELS: Record<string, string | null> = {
  x: 'X / Twitter',
  twitter: null,
  bluesky: 'Bluesky',
  reddit: 'Reddit (title)',
  threads: 'Threads',
  mastodon: 'Mastodon',
  instagram: 'Instagram',
  tiktok: 'TikTok',
};

/** The networks the server takes (`social_limits` keys are `SocialPostBody['network']`). */
export const SOCIAL_NETWORKS: { id: SocialNetwork; label: string; limit: number }[] = (
  Object.entries(CATALOG.write.social_limits) as [SocialNetwork, number | undefined][]
).flatMap(([id, limit]) => {
  const label = NETWORK_LABELS[id] === undefined ? id : NETWORK_LABELS[id];
  return label === null || limit === undefined ? [] : [{ id, label, limit }];
});

export function writeLimit(kind: WriteKind, length: WriteLength, network: string): number {
  const { social_limits: social, length_limits: lengths } = CATALOG.write;
  if (kind === 'social_post') return social[network] ?? Math.min(...Object.values(social).map(Number));
  return lengths[kind]?.[length] ?? 0;
}

export const TONES: Tone[] = CATALOG.write.tones;
export const LENGTHS: WriteLength[] = CATALOG.write.lengths;

/** A language's own name ("Español", "日本語"), or the catalog's English name where Intl lacks it. */
function nativeName(code: string, fallback: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : fallback;
  } catch {
    return fallback;
  }
}

export const LANGUAGES: { code: string; name: string }[] = CATALOG.languages.map(({ code, name }) => ({
  code,
  name: nativeName(code, name),
}));
