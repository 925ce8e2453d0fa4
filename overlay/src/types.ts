/** The wire shapes of the overlay contract (README.md, "Contract with the server"). */

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

/** A platform event, Chaturbate Events API field names (server/realtime/protocol.py). */
export interface PlatformEvent {
  id?: string;
  broadcaster?: string;
  method: string;
  ts?: number | string;
  user?: { username?: string } | null;
  tip?: { tokens: number; isAnon?: boolean; message?: string } | null;
  media?: { name?: string; tokens?: number } | null;
}

export interface OffsetEvent {
  offset: number;
  event: PlatformEvent;
}

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

/** The server's one error body. */
export interface ApiError {
  code: string;
  message: string;
  description?: string;
}

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
