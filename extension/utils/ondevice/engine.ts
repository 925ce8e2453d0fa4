/**
 * Which engine runs each AI feature, and why. Default: on this device when its model is
 * available, else the server. "Keep chat on this device" never lets chat text go to the
 * server for AI: features that need chat text and cannot run locally then say so.
 */
import type { ModelState } from './availability';

export const FEATURES = ['translation', 'detection', 'replies', 'writing'] as const;
export type Feature = (typeof FEATURES)[number];
export type EnginePreference = 'auto' | 'device' | 'server';
export type Engine = 'device' | 'server' | 'none';

export const FEATURE_LABELS: Record<Feature, string> = {
  translation: 'Translation',
  detection: 'Language detection',
  replies: 'Reply suggestions',
  writing: 'Writing tools',
};

/** Writing tools work from the streamer's own details, never from chat lines. */
const SENDS_CHAT: Record<Feature, boolean> = { translation: true, detection: true, replies: true, writing: false };

export interface EngineSettings {
  preferences: Partial<Record<Feature, EnginePreference>>;
  keepChatOnDevice: boolean;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = { preferences: {}, keepChatOnDevice: false };

export interface EngineChoice {
  feature: Feature;
  engine: Engine;
  /** Why, in words for Settings. */
  reason: string;
  /** The on-device model's state that led here. */
  device: ModelState;
}

function deviceWhy(state: ModelState): string {
  const detail = 'reason' in state ? state.reason.replace(/[.\s]+$/, '') : '';
  switch (state.kind) {
    case 'needs-download':
      return 'the on-device model needs a download';
    case 'downloading':
      return `the on-device model is downloading (${Math.round(state.progress * 100)}%)`;
    case 'unsupported':
      return `on-device AI is not supported here (${detail})`;
    case 'error':
      return `the on-device model is unavailable (${detail})`;
    default:
      return 'the on-device model is available';
  }
}

/** The engine of one feature from its device model state and the user's settings. */
export function chooseEngine(feature: Feature, device: ModelState, settings: EngineSettings): EngineChoice {
  const preference = settings.preferences[feature] ?? 'auto';
  const ready = device.kind === 'available';
  const privateChat = settings.keepChatOnDevice && SENDS_CHAT[feature];
  const choice = (engine: Engine, reason: string): EngineChoice => ({ feature, engine, reason, device });
  if (ready && preference !== 'server') return choice('device', 'Runs on this device.');
  if (privateChat) {
    return choice('none', `Off: "keep chat on this device" is on and ${deviceWhy(device)}.`);
  }
  if (preference === 'device') return choice('none', `Off: set to this device only, and ${deviceWhy(device)}.`);
  if (preference === 'server') return choice('server', 'Runs on the server (your choice).');
  return choice('server', `Runs on the server: ${deviceWhy(device)}.`);
}

/** Every feature's choice (`states` per feature; a missing one counts as unsupported). */
export function chooseEngines(
  states: Partial<Record<Feature, ModelState>>,
  settings: EngineSettings,
): Record<Feature, EngineChoice> {
  const missing: ModelState = { kind: 'unsupported', reason: 'no on-device model for this feature' };
  const entries = FEATURES.map((f) => [f, chooseEngine(f, states[f] ?? missing, settings)] as const);
  return Object.fromEntries(entries) as Record<Feature, EngineChoice>;
}
