import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RecoveryNotice from '@/components/RecoveryNotice.vue';
import { useConnectionStore } from '@/stores/connection';
import type { RecoveryOutcome } from '@/utils/hub/recovery';
import { initialSnapshot } from '@/utils/hub/types';
import { resetPanel } from '@/tests/helpers/panel';

const NOW = 1_000_000;
const outcome = (patch: Partial<RecoveryOutcome>): RecoveryOutcome => ({
  recovered: true,
  replayed: 0,
  reason: null,
  cap: null,
  resumed: true,
  reload: null,
  reloaded: 0,
  at: NOW,
  ...patch,
});
const show = (recovery: RecoveryOutcome) => {
  useConnectionStore().snapshot = { ...initialSnapshot(), phase: 'live', recovery };
};

beforeEach(() => {
  resetPanel();
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => vi.useRealTimers());

describe('RecoveryNotice', () => {
  it('says how many missed events were restored, for a while', async () => {
    show(outcome({ replayed: 37 }));
    const wrapper = mount(RecoveryNotice);
    expect(wrapper.text()).toContain('Caught up, 37 missed events restored');
    expect(wrapper.attributes('data-recovered')).toBe('true');
    await vi.advanceTimersByTimeAsync(31_000);
    expect(wrapper.find('[data-testid="recovery-notice"]').exists()).toBe(false);
  });

  it('says the history is reloading, and stays until the reload ends', async () => {
    show(outcome({ recovered: false, reason: 'epoch_changed', reload: 'loading' }));
    const wrapper = mount(RecoveryNotice);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wrapper.text()).toContain('Reloading the recent feed');
    show(outcome({ recovered: false, reason: 'epoch_changed', reload: 'done', reloaded: 12, at: Date.now() }));
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('History reloaded');
    expect(wrapper.attributes('data-recovered')).toBe('false');
  });

  it('shows nothing for a first subscribe, and goes away when dismissed', async () => {
    show(outcome({ replayed: 50, resumed: false }));
    const wrapper = mount(RecoveryNotice);
    expect(wrapper.html()).not.toContain('recovery-notice');
    show(outcome({ replayed: 2 }));
    await wrapper.vm.$nextTick();
    await wrapper.get('button').trigger('click');
    expect(wrapper.html()).not.toContain('recovery-notice');
  });
});
