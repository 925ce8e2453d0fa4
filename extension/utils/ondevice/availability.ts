/**
 * Where each on-device model stands, for Settings: not supported, needs download, downloading
 * (with progress), available. A download only starts from `download()`, which the panel calls
 * from a click handler: Chrome refuses create() without a user activation (NotAllowedError)
 * while the model is still downloadable.
 */
import type { Availability, CreateCommon, CreateMonitor, Destroyable, DownloadProgressEvent } from './types';

export type ModelState =
  | { kind: 'unsupported'; reason: string }
  | { kind: 'needs-download' }
  | { kind: 'downloading'; progress: number }
  | { kind: 'available' }
  | { kind: 'error'; reason: string };

/** The part of a built-in AI factory a tracker needs (options already bound). */
export interface ModelSource {
  availability(): Promise<Availability>;
  create(common: CreateCommon): Promise<Destroyable>;
}

/** DOMException names Chrome throws, mapped to what Settings says. */
export function explainError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'Chrome needs a click to start the download; press Download again.';
  if (name === 'NotSupportedError') return 'This language or option is not supported on this device.';
  if (name === 'QuotaExceededError') return 'The text is too long for the on-device model.';
  if (name === 'AbortError') return 'The download was cancelled.';
  return error instanceof Error ? error.message : String(error);
}

export class ModelTracker {
  private current: ModelState;
  private readonly listeners = new Set<(state: ModelState) => void>();

  /** `source` undefined: the API does not exist in this browser. */
  constructor(
    private readonly source: ModelSource | undefined,
    private readonly label: string,
  ) {
    this.current = source
      ? { kind: 'error', reason: 'not checked yet' }
      : { kind: 'unsupported', reason: `${label} is not available in this browser` };
  }

  get state(): ModelState {
    return this.current;
  }

  onChange(listener: (state: ModelState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ask Chrome again (never downloads). */
  async refresh(): Promise<ModelState> {
    if (!this.source) return this.current;
    try {
      this.set(fromAvailability(await this.source.availability(), this.label, this.current));
    } catch (error) {
      this.set({ kind: 'error', reason: explainError(error) });
    }
    return this.current;
  }

  /** Start (or join) the download. Call it from a click handler only. */
  async download(): Promise<ModelState> {
    if (!this.source) return this.current;
    const monitor = (m: CreateMonitor) => {
      m.addEventListener('downloadprogress', (event) => {
        const loaded = (event as DownloadProgressEvent).loaded;
        this.set(loaded >= 1 ? { kind: 'available' } : { kind: 'downloading', progress: loaded });
      });
    };
    try {
      if (this.current.kind !== 'downloading') this.set({ kind: 'downloading', progress: 0 });
      const instance = await this.source.create({ monitor });
      instance.destroy(); // the model stays on disk; instances are created where they are used
      this.set({ kind: 'available' });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NotAllowedError') this.set({ kind: 'needs-download' });
      else this.set({ kind: 'error', reason: explainError(error) });
      throw error;
    }
    return this.current;
  }

  private set(state: ModelState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

function fromAvailability(value: Availability, label: string, previous: ModelState): ModelState {
  switch (value) {
    case 'available':
      return { kind: 'available' };
    case 'downloadable':
      return { kind: 'needs-download' };
    case 'downloading':
      return { kind: 'downloading', progress: previous.kind === 'downloading' ? previous.progress : 0 };
    default:
      return { kind: 'unsupported', reason: `${label} cannot run on this device: Chrome says unavailable` };
  }
}

/** One line for Settings. */
export function describeState(state: ModelState): string {
  switch (state.kind) {
    case 'available':
      return 'Available on this device';
    case 'needs-download':
      return 'Needs a one-time download';
    case 'downloading':
      return `Downloading ${Math.round(state.progress * 100)}%`;
    case 'unsupported':
      return `Not supported: ${state.reason}`;
    default:
      return `Unavailable: ${state.reason}`;
  }
}
