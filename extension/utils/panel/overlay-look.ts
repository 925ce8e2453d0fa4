/**
 * The overlay look editor's form: the server's choices (CATALOG.overlay_look) turned into inputs
 * and back. Blank means "the default"; the server checks every value and names a bad one.
 */
import type { OverlayKind, OverlayOption, SavedLook } from '@/utils/shared/room-types';
import { CATALOG } from '@/utils/shared/wire';
import { overlayUrl } from './overlay-links';

export const LOOK = CATALOG.overlay_look;

/** Every option as an input holds it: text for colours, '' for "default". */
export interface LookDraft {
  color: string;
  text: string;
  font: string;
  size: number | '';
  layout: string;
  sound: boolean;
}

export const OPTION_LABELS: Record<OverlayOption, string> = {
  color: 'Accent colour',
  text: 'Text colour',
  font: 'Font',
  size: 'Text size (px)',
  layout: 'Layout',
  sound: 'Beep on each tip',
};

/** "trebuchet ms" → "Trebuchet MS", "segoe ui" → "Segoe UI" (the catalog's names are lower case). */
export const fontLabel = (name: string): string =>
  name.replace(/\b\w+/g, (word) => (word.length <= 2 ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1)));

/** The options the kind's page reads, in the catalog's order. */
export const optionsOf = (kind: OverlayKind): readonly OverlayOption[] => LOOK.by_kind[kind] ?? LOOK.options;

export function draftOf(saved: SavedLook | Record<string, unknown>): LookDraft {
  const look = saved as SavedLook;
  return {
    color: look.color ?? '',
    text: look.text ?? '',
    font: look.font ?? '',
    size: typeof look.size === 'number' ? look.size : '',
    layout: look.layout ?? '',
    sound: look.sound === true,
  };
}

/** What to save for `kind`: the options it reads that are set (the server validates them). */
export function lookOf(draft: LookDraft, kind: OverlayKind): SavedLook {
  const set: SavedLook = {};
  const values: Record<OverlayOption, string | number | boolean> = { ...draft };
  for (const name of optionsOf(kind)) {
    const raw = values[name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value !== '' && value !== false) Object.assign(set, { [name]: value });
  }
  return set;
}

/** `#rgb` / `#rrggbb` as a colour picker takes it (`#rrggbb`); anything else: `fallback`. */
export function pickerColor(value: string, fallback: string): string {
  const hex = value.trim().replace(/^#/, '').toLowerCase();
  if (/^[0-9a-f]{6}$/.test(hex)) return `#${hex}`;
  if (/^[0-9a-f]{3}$/.test(hex)) return `#${[...hex].map((c) => c + c).join('')}`;
  return fallback;
}

/** The kind's demo page (sample data over a checkerboard) in this look: nothing is saved. */
export function previewLookUrl(serverUrl: string, kind: OverlayKind, look: SavedLook): string {
  const query = new URLSearchParams({ kind });
  for (const [name, value] of Object.entries(look)) query.set(name, String(value));
  return overlayUrl(serverUrl, `/overlay/preview.html?${query}`);
}
