"""Chooses the room stream engine by config (REDIS_URL: Redis; else memory) and wires its
fan-out: who appends to the rings and sends frames to this process's sockets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_socketio import SocketIO

from server.adapters.eventstore.base import StoredEvent
from server.adapters.eventstore.writer import BatchingWriter
from server.config import Config
from server.realtime.epochs import EpochBook
from server.realtime.fanout import Fanout
from server.realtime.protocol import HUB_NAMESPACE, broadcaster_room
from server.realtime.redis_reader import StreamReader
from server.realtime.replay import ReplayBuffers
from server.realtime.stream import MemoryNumbering, RoomStream


@dataclass
class StreamParts:
    stream: RoomStream
    fanout: Fanout
    reader: StreamReader | None  # the Redis engine's mirror loop (start it when serving)


def build_stream(config: Config, socketio: SocketIO, writer: BatchingWriter) -> StreamParts:
    """The engine, its fan-out, and the writer's durable hook."""
    buffers = ReplayBuffers(writer.recent_ids, epochs=EpochBook(config.SPOOL_DIR + ".epochs"))

    def emit(frame: str, broadcaster: str, payload: dict[str, Any]) -> None:
        # Event frames go to this process's sockets only: with Redis, every process reads
        # the room's stream itself (same order everywhere); the queue carries notices.
        socketio.emit(
            frame, payload, to=broadcaster_room(broadcaster), namespace=HUB_NAMESPACE,
            ignore_queue=True,
        )  # fmt: skip

    if not config.REDIS_URL:
        stream: RoomStream = MemoryNumbering(buffers)
        fanout = Fanout(buffers, emit)
        writer.on_durable = fanout.publish_durable
        return StreamParts(stream, fanout, None)
    return _redis_parts(config, buffers, writer, emit)


def _redis_parts(
    config: Config, buffers: ReplayBuffers, writer: BatchingWriter, emit: Any
) -> StreamParts:
    from server.realtime.redis_stream import RedisNumbering

    numbering = RedisNumbering(
        _client(config.REDIS_URL, timeout=2), buffers, writer.last_offset,
        prefix=config.ROOM_STREAM_PREFIX,
    )  # fmt: skip
    fanout = Fanout(buffers, emit, local=numbering.fans_out_locally)
    writer.on_durable = fanout.publish_durable  # rooms numbered locally while Redis is away

    def deliver(broadcaster: str, events: list[StoredEvent]) -> None:
        fanout.send(broadcaster, events)

    def renumbered(broadcaster: str) -> None:
        emit("status", broadcaster, {"broadcaster": broadcaster,
                                     "position": numbering.position(broadcaster)})  # fmt: skip

    numbering.on_renumbered = renumbered
    reader = StreamReader(numbering, _client(config.REDIS_URL, timeout=5), deliver, renumbered)
    return StreamParts(numbering, fanout, reader)


def _client(url: str, timeout: float) -> Any:
    import redis

    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=1)
