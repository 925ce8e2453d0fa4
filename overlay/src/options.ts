/** URL (and server-saved) look options: validated, a bad value falls back to its default. The
 * choices, ranges and defaults are the server's (CATALOG.overlay_look); the font stacks are ours. */
import { isKind, type Kind } from './types';
import { CATALOG, type OverlayFont, type OverlayLayout, type ResolvedLook } from './wire';

export type Layout = OverlayLayout;
export type Look = ResolvedLook;

export interface OverlayParams {
  kind: Kind | null;
  key: string | null;
  server: string;
  /** `demo=1`: sample data, still; `demo=live`: sample data plus an event every few seconds. */
  demo: 'still' | 'live' | null;
  look: Partial<Look>;
}

const LOOK = CATALOG.overlay_look;
export const DEFAULT_LOOK: Look = LOOK.defaults;

const EMOJI = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"';
const SANS = `system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", sans-serif`;
/** Installed or generic families only: an overlay never downloads a web font. One stack per
 * font name the server accepts (the type makes a missing or extra name a compile error). */
export const FONTS: Record<OverlayFont, string> = {
  system: SANS,
  sans: `"Helvetica Neue", Arial, "Noto Sans", sans-serif`,
  serif: `Georgia, "Times New Roman", "Noto Serif", serif`,
  mono: `ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace`,
  rounded: `ui-rounded, "Arial Rounded MT Bold", "Nunito", ${SANS}`,
  arial: `Arial, ${SANS}`,
  verdana: `Verdana, ${SANS}`,
  tahoma: `Tahoma, ${SANS}`,
  'trebuchet ms': `"Trebuchet MS", ${SANS}`,
  'segoe ui': `"Segoe UI", ${SANS}`,
  roboto: `Roboto, ${SANS}`,
  impact: `Impact, "Arial Black", ${SANS}`,
  'comic sans ms': `"Comic Sans MS", "Comic Neue", ${SANS}`,
  georgia: `Georgia, serif`,
  'times new roman': `"Times New Roman", serif`,
  'courier new': `"Courier New", monospace`,
};
const SIZE_MIN = LOOK.size_min;
const SIZE_MAX = LOOK.size_max;
const KEY_RE = /^[A-Za-z0-9._~-]{8,256}$/;
const HEX_RE = new RegExp(LOOK.color_pattern);

type Source = URLSearchParams | Record<string, unknown>;

function read(source: Source, name: string): string | null {
  const value = source instanceof URLSearchParams ? source.get(name) : source[name];
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value.trim() : null;
}

function hex(value: string | null): string | undefined {
  return value && HEX_RE.test(value) ? `#${value.replace(/^#/, '').toLowerCase()}` : undefined;
}

function size(value: string | null): number | undefined {
  if (!value || !/^\d{1,3}$/.test(value)) return undefined;
  const px = Number(value);
  return px >= SIZE_MIN && px <= SIZE_MAX ? px : undefined;
}

function isFont(name: string | undefined): name is OverlayFont {
  return name !== undefined && (LOOK.fonts as string[]).includes(name);
}

function font(value: string | null): OverlayFont | undefined {
  const name = value?.toLowerCase().replace(/\s+/g, ' ');
  return isFont(name) ? name : undefined;
}

function flag(value: string | null): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** The look options present and valid in `source`; others are left out. */
export function parseLook(source: Source): Partial<Look> {
  const layout = read(source, 'layout');
  const look: Partial<Look> = {
    color: hex(read(source, 'color')),
    text: hex(read(source, 'text')),
    font: font(read(source, 'font')),
    size: size(read(source, 'size')),
    layout: (LOOK.layouts as (string | null)[]).includes(layout) ? (layout as Layout) : undefined,
    sound: flag(read(source, 'sound')),
  };
  return withoutUndefined(look);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const name of Object.keys(value) as (keyof T)[]) {
    if (value[name] !== undefined) out[name] = value[name];
  }
  return out;
}

/** Later layers win: defaults < server-saved options < URL. */
export function resolveLook(...layers: Partial<Look>[]): Look {
  return layers.reduce<Look>((look, layer) => ({ ...look, ...layer }), DEFAULT_LOOK);
}

/** An absolute http(s) origin, or `fallback` (same origin). */
export function parseServer(value: string | null, fallback: string): string {
  if (!value) return fallback;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : fallback;
  } catch {
    return fallback;
  }
}

export function parseParams(search: string, origin: string): OverlayParams {
  const params = new URLSearchParams(search);
  const key = params.get('key');
  const kind = params.get('kind');
  return {
    kind: isKind(kind) ? kind : null,
    key: key && KEY_RE.test(key) ? key : null,
    server: parseServer(params.get('server'), origin),
    demo: params.get('demo') === 'live' ? 'live' : flag(params.get('demo')) ? 'still' : null,
    look: parseLook(params),
  };
}

/** CSS custom properties and data attributes the stylesheet reads. */
export function applyLook(root: HTMLElement, look: Look): void {
  root.style.setProperty('--accent', look.color);
  root.style.setProperty('--text', look.text);
  root.style.setProperty('--font', `${FONTS[look.font] ?? SANS}, ${EMOJI}`);
  root.style.setProperty('--size', `${look.size}px`);
  root.dataset.layout = look.layout;
}
