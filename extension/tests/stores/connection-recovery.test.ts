import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import OfflineBanner from '@/components/OfflineBanner.vue';
import { useConnectionStore } from '@/stores/connection';
import { useSettingsStore } from '@/stores/settings';
import { initialSnapshot } from '@/utils/hub/types';
import { onMessage } from '@/utils/shared/messaging';
import { resetPanel } from '@/tests/helpers/panel';

beforeEach(resetPanel);

describe('connection store recovery', () => {
  it('retries at once on focus or online while reconnecting, and leaves a live connection alone', async () => {
    let retries = 0;
    onMessage('hub:reconnect', () => void (retries += 1));
    onMessage('hub:snapshot', () => ({ ...initialSnapshot(), phase: 'live' as const }));
    const connection = useConnectionStore();
    await connection.init();
    window.dispatchEvent(new Event('focus'));
    await new Promise((r) => setTimeout(r, 20));
    expect(retries).toBe(0);
    connection.snapshot = { ...initialSnapshot(), phase: 'reconnecting' };
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('online'));
    await expect.poll(() => retries).toBe(2);
  });
});

describe('OfflineBanner', () => {
  it('names the server it cannot reach', () => {
    useSettingsStore().settings.serverUrl = 'http://10.0.0.9:5000';
    useConnectionStore().snapshot = {
      ...initialSnapshot(),
      phase: 'reconnecting',
      offlineAlert: true,
      disconnectedSince: Date.now(),
      error: { code: 'network', message: "Can't reach the server" },
    };
    expect(mount(OfflineBanner).text()).toContain("Can't reach the server at http://10.0.0.9:5000");
  });
});
