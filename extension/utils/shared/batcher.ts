/** Collects items and flushes them together after `windowMs` (or at `maxItems`): one message instead of hundreds during a replay. */
import { realTimers, type TimerHandle, type Timers } from '@/utils/shared/timers';

export interface Batcher<T> {
  push(item: T): void;
  flush(): void;
}

export function createBatcher<T>(
  flush: (items: T[]) => void,
  options: { windowMs: number; maxItems?: number; timers?: Timers },
): Batcher<T> {
  const timers = options.timers ?? realTimers;
  let items: T[] = [];
  let timer: TimerHandle | null = null;
  const run = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (items.length === 0) return;
    const out = items;
    items = [];
    flush(out);
  };
  return {
    push(item) {
      items.push(item);
      if (options.maxItems && items.length >= options.maxItems) run();
      else timer ??= timers.setTimeout(run, options.windowMs);
    },
    flush: run,
  };
}
