import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackgroundService } from '@/utils/background/service';

export default defineBackground(() => {
  // The toolbar button opens the side panel.
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  void startBackgroundService();
});
