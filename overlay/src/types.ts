/** The wire shapes of the overlay contract (README.md, "Contract with the server"), from the
 * generated wire.ts; only the reading views of events (demo and test events are partial) are here. */
import type {
  ErrorAck,
  ErrorBody,
  GoalFrame,
  EventMessage,
  GoalState,
  MenuState,
  OverlaySubscribeAck,
  StreamPosition as Position,
  TopState,
  PlatformEvent as WirePlatformEvent,
} from './wire';

/** Generated from the server's models (server/api/schemas/rooms.py, server/realtime/messages.py). */
export type {
  Goal,
  GoalFrame,
  GoalRef,
  GoalState,
  Leader,
  MenuItem,
  MenuState,
  StreamPosition as Position,
  TopState,
} from './wire';

export const KINDS = ['goal', 'alerts', 'top', 'menu', 'ticker'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** What the views read of an event (wire.ts, generated from the server): `method` always, the rest
 * when the server sent it (demo and test events carry only what they show). */
export type PlatformEvent = Pick<WirePlatformEvent, 'method'> & Partial<Omit<WirePlatformEvent, 'method'>>;

/** The hub's `event` message (wire.ts `EventMessage`), with the reading view of its event. */
export type OffsetEvent = Omit<EventMessage, 'event'> & { event: PlatformEvent };

export interface RecentState {
  recent: OffsetEvent[];
}

interface StateOf<K extends Kind, S> {
  kind: K;
  broadcaster: string;
  watermark: boolean;
  options: Record<string, string | number | boolean | undefined>;
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

/** An overlay socket's `subscribe` ack (wire.ts `OverlaySubscribeAck`, or the refusal). */
export type SubscribeAck = OverlaySubscribeAck | Pick<ErrorAck, 'ok' | 'code' | 'message'>;

/** What every kind's view does with the stream; `flush` renders now (tests, demo). */
export interface KindView {
  setState(state: OverlayState): void;
  onEvent(item: OffsetEvent): void;
  onGoal(frame: GoalFrame): void;
  flush(): void;
}
