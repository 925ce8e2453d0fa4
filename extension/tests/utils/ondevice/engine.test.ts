import { describe, expect, it } from 'vitest';
import type { ModelState } from '../../../utils/ondevice/availability';
import { chooseEngine, chooseEngines, DEFAULT_ENGINE_SETTINGS } from '../../../utils/ondevice/engine';

const available: ModelState = { kind: 'available' };
const download: ModelState = { kind: 'needs-download' };
const unsupported: ModelState = { kind: 'unsupported', reason: 'no Translator API' };

describe('chooseEngine', () => {
  it('runs on the device when its model is available, by default', () => {
    expect(chooseEngine('translation', available, DEFAULT_ENGINE_SETTINGS).engine).toBe('device');
  });

  it('falls back to the server and says why', () => {
    const choice = chooseEngine('replies', download, DEFAULT_ENGINE_SETTINGS);
    expect(choice.engine).toBe('server');
    expect(choice.reason).toBe('Runs on the server: the on-device model needs a download.');
    const downloading = chooseEngine('replies', { kind: 'downloading', progress: 0.42 }, DEFAULT_ENGINE_SETTINGS);
    expect(downloading.reason).toContain('downloading (42%)');
  });

  it('keeps chat features off the server when chat must stay on the device', () => {
    const settings = { preferences: {}, keepChatOnDevice: true };
    const choices = chooseEngines({ translation: unsupported, replies: download, writing: download }, settings);
    expect(choices.translation.engine).toBe('none');
    expect(choices.translation.reason).toContain('"keep chat on this device" is on');
    expect(choices.detection.engine).toBe('none');
    expect(choices.replies.engine).toBe('none');
    expect(choices.writing.engine).toBe('server'); // writing sends the streamer's own details, no chat
  });

  it('follows an explicit preference', () => {
    const server = { preferences: { translation: 'server' as const }, keepChatOnDevice: false };
    expect(chooseEngine('translation', available, server).engine).toBe('server');
    const device = { preferences: { replies: 'device' as const }, keepChatOnDevice: false };
    expect(chooseEngine('replies', download, device).engine).toBe('none');
    expect(chooseEngine('replies', available, device).engine).toBe('device');
  });
});
