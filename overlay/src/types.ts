/** The wire shapes of the overlay contract (README.md, "Contract with the server"). Shapes the
 * server already declares come from the generated wire.ts; the overlay endpoint's are here. */
import type { ErrorBody, EventMessage, PlatformEvent as WirePlatformEvent } from './wire';

export const KINDS = ['goal', 'alerts', 'top', 'menu', 'ticker'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** Where a client stands in the room's stream: the last applied offset within one epoch. */
export interface Position {
  offset: number;
  epoch: string;
}

/** What the views read of an event (wire.ts, generated from the server): `method` always, the rest
 * when the server sent it (demo and test events carry only what they show). */
export type PlatformEvent = Pick<WirePlatformEvent, 'method'> & Partial<Omit<WirePlatformEvent, 'method'>>;

/** The hub's `event` message (wire.ts `EventMessage`), with the reading view of its event. */
export type OffsetEvent = Omit<EventMessage, 'event'> & { event: PlatformEvent };

export interface Goal {
  label: string;
  target: number;
  progress: number;
  completed: boolean;
}

export interface GoalRef {
  label: string;
  target: number;
}

export interface GoalState {
  goal: Goal | null;
  next: GoalRef | null;
}

/** The `goal` frame; `completed` names the goal that was just reached, if any. */
export interface GoalFrame extends GoalState {
  completed?: GoalRef;
}

export interface Leader {
  username: string;
  tokens: number;
}

export interface TopState {
  leaders: Leader[];
  king: string | null;
}

export interface MenuItem {
  name: string;
  tokens: number;
}

export interface MenuState {
  items: MenuItem[];
}

export interface RecentState {
  recent: OffsetEvent[];
}

interface StateOf<K extends Kind, S> {
  kind: K;
  broadcaster: string;
  watermark: boolean;
  options: Record<string, unknown>;
  position: Position;
  state: S;
}

/** `GET /api/v1/overlay/state`, discriminated by `kind`. */
export type OverlayState =
  | StateOf<'goal', GoalState>
  | StateOf<'top', TopState>
  | StateOf<'menu', MenuState>
  | StateOf<'alerts', RecentState>
  | StateOf<'ticker', RecentState>;

/** The server's one error body (wire.ts `ErrorBody`): what the overlay reads of it. */
export type ApiError = Pick<ErrorBody, 'code' | 'message'>;

export type SubscribeAck =
  | { ok: true; position: Position; recovered: boolean; replayed?: number }
  | { ok: false; code: string; message: string };

/** What every kind's view does with the stream; `flush` renders now (tests, demo). */
export interface KindView {
  setState(state: OverlayState): void;
  onEvent(item: OffsetEvent): void;
  onGoal(frame: GoalFrame): void;
  flush(): void;
}
