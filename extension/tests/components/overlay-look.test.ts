/** The overlay look editor: the kind's options from the catalog, saved as the server takes them, its 400 per field. */
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import OverlayRow from '@/components/room/OverlayRow.vue';
import { useRoomStore } from '@/stores/room';
import { useSettingsStore } from '@/stores/settings';
import type { RoomsApi } from '@/utils/api/rooms';
import { draftOf, fontLabel, lookOf, optionsOf, pickerColor, previewLookUrl } from '@/utils/panel/overlay-look';
import { ApiError } from '@/utils/shared/errors';
import type { Overlay, OverlayPatch } from '@/utils/shared/room-types';
import { CATALOG } from '@/utils/shared/wire';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const overlay = (kind: Overlay['kind'], options: Overlay['options'] = {}): Overlay => ({
  id: `o-${kind}`,
  broadcaster: 'alice',
  kind,
  label: '',
  member_sub: null,
  options,
  created_at: '2026-12-01T00:00:00Z',
});
const LIMITS = { goals: 1, menu_items: 50, overlays: 1, overlay_watermark: true, member_overlays: false };

async function openEditor(item: Overlay) {
  const wrapper = mount(OverlayRow, { props: { overlay: item } });
  await wrapper.get('[data-testid="overlay-look-toggle"]').trigger('click');
  return wrapper;
}
const shown = (wrapper: Awaited<ReturnType<typeof openEditor>>) =>
  wrapper.findAll('[data-option]').map((input) => input.attributes('data-option'));

beforeEach(async () => {
  resetPanel();
  await useSettingsStore().save({ broadcaster: 'alice' });
});

describe('look form helpers', () => {
  it('keep only the set options the kind reads', () => {
    const draft = { ...draftOf({}), color: ' #FF0000 ', size: 40 as const, layout: 'vertical', sound: true };
    expect(lookOf(draft, 'alerts')).toEqual({ color: '#FF0000', size: 40, sound: true });
    expect(lookOf(draft, 'goal')).toEqual({ color: '#FF0000', size: 40, layout: 'vertical' });
    expect(draftOf({ size: 32, sound: true })).toMatchObject({ size: 32, sound: true, color: '' });
  });

  it('name fonts as people write them', () => {
    expect(['segoe ui', 'trebuchet ms', 'times new roman', 'system'].map(fontLabel)).toEqual([
      'Segoe UI',
      'Trebuchet MS',
      'Times New Roman',
      'System',
    ]);
  });

  it('give a colour picker a #rrggbb and the preview the look in its URL', () => {
    expect(pickerColor('#0F0', '#e0457b')).toBe('#00ff00');
    expect(pickerColor('red', '#e0457b')).toBe('#e0457b');
    expect(previewLookUrl('http://h:5000/', 'alerts', { color: '#00ff00', size: 40 })).toBe(
      'http://h:5000/overlay/preview.html?kind=alerts&color=%2300ff00&size=40',
    );
  });
});

describe('OverlayLookEditor', () => {
  it("offers the kind's options from the catalog: a sound only for tip alerts", async () => {
    expect(shown(await openEditor(overlay('alerts')))).toEqual(optionsOf('alerts'));
    expect(shown(await openEditor(overlay('goal')))).toEqual(CATALOG.overlay_look.by_kind.goal);
    const fonts = (await openEditor(overlay('top'))).findAll('[data-option="font"] option');
    expect(fonts.slice(1).map((o) => o.attributes('value'))).toEqual(CATALOG.overlay_look.fonts);
  });

  it('saves the look and keeps the saved overlay in the room store', async () => {
    const room = useRoomStore();
    const saved = overlay('alerts', { color: '#00ff00', size: 40, sound: true });
    room.overlays = { broadcaster: 'alice', overlays: [overlay('alerts')], kinds: {}, limits: LIMITS };
    const updateOverlay = vi.fn(async (_b: string, _id: string, _patch: OverlayPatch) => saved);
    fakeApi({ rooms: { updateOverlay } as unknown as RoomsApi });
    const wrapper = await openEditor(overlay('alerts', { size: 30 }));
    expect((wrapper.get('[data-option="size"]').element as HTMLInputElement).value).toBe('30');
    await wrapper.get('[data-option="color"]').setValue('#00FF00');
    await wrapper.get('[data-option="size"]').setValue('40');
    await wrapper.get('[data-option="sound"]').setValue(true);
    await wrapper.get('[data-testid="save-look"]').trigger('submit');
    await flushPromises();
    expect(updateOverlay).toHaveBeenCalledWith('alice', 'o-alerts', {
      options: { color: '#00FF00', size: 40, sound: true },
    });
    expect(wrapper.text()).toContain('Saved');
    expect(room.overlays.overlays[0]!.options).toEqual(saved.options);
    await wrapper.get('[data-testid="reset-look"]').trigger('click');
    await flushPromises();
    expect(updateOverlay).toHaveBeenLastCalledWith('alice', 'o-alerts', { options: {} });
  });

  it("shows the server's 400 under the option it names", async () => {
    const refusal = new ApiError(400, 'validation_error', 'Invalid request: options.size: Input should be ≤ 120', [
      { field: 'options.size', message: 'Input should be less than or equal to 120' },
    ]);
    fakeApi({
      rooms: {
        updateOverlay: async () => {
          throw refusal;
        },
      } as unknown as RoomsApi,
    });
    const wrapper = await openEditor(overlay('goal'));
    await wrapper.get('[data-option="size"]').setValue('500');
    await wrapper.get('[data-testid="save-look"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-problem="size"]').text()).toBe('Input should be less than or equal to 120');
    expect(wrapper.get('[data-option="size"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="overlay-look"] [role="alert"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Saved');
  });

  it('previews the unsaved look on the demo page', async () => {
    const opened = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    const wrapper = await openEditor(overlay('ticker'));
    await wrapper.get('[data-option="layout"]').setValue('vertical');
    await wrapper.get('button[title^="Sample data"]').trigger('click');
    expect(opened).toHaveBeenCalledWith({
      url: 'http://127.0.0.1:5000/overlay/preview.html?kind=ticker&layout=vertical',
    });
  });
});
