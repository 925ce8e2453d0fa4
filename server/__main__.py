"""`python -m server`: serve with gevent (WebSocket, TCP_NODELAY, no per-message deflate)."""

from gevent import monkey

monkey.patch_all()

import contextlib  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import gevent  # noqa: E402
from gevent.pywsgi import WSGIHandler, WSGIServer  # noqa: E402

from server import create_app  # noqa: E402
from server.config import Config, ConfigError  # noqa: E402
from server.migrate import upgrade_in_child_process  # noqa: E402
from server.realtime import setup as realtime  # noqa: E402

log = logging.getLogger("server")
GC_THRESHOLDS = (10_000, 50, 100)  # CPython's default is (700, 10, 10)


class NoDelayWSGIServer(WSGIServer):
    """Sets TCP_NODELAY on every accepted socket (small Socket.IO frames go out at once)."""

    def handle(self, sock, address):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().handle(sock, address)


class QuietHandler(WSGIHandler):
    def log_request(self) -> None:  # access logs off: the API logs what matters
        return

    def run_application(self) -> None:
        """A finished WebSocket ends its TCP connection. Kept alive, pywsgi would read the
        client's close frame as the next HTTP request and log "Invalid HTTP method" for
        every socket that disconnects."""
        try:
            super().run_application()
        finally:
            if self.environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                self.close_connection = True


def strip_websocket_deflate(wsgi_app):
    """Refuse permessage-deflate: per-connection compression costs ~4x CPU per delivery."""

    def app(environ, start_response):
        environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return wsgi_app(environ, start_response)

    return app


def main() -> None:
    try:
        config = Config.from_env().validate()
    except ConfigError as exc:
        sys.exit(f"configuration error: {exc}")
    try:
        upgrade_in_child_process()
    except subprocess.CalledProcessError:
        sys.exit("database migration failed (its error is printed above)")
    app = create_app(config)
    app.wsgi_app = strip_websocket_deflate(app.wsgi_app)  # type: ignore[method-assign]
    server = NoDelayWSGIServer(
        (config.HOST, config.PORT), app, handler_class=QuietHandler, log=None
    )
    realtime.start_background(app)

    def graceful_stop() -> None:
        log.info("stopping: flushing queued events to the store (or the spool)")
        server.stop(timeout=5)
        realtime.shutdown(app)

    gevent.signal_handler(signal.SIGTERM, graceful_stop)
    gevent.signal_handler(signal.SIGINT, graceful_stop)
    # Everything built at start-up (app, ORM mappers, Swagger models) lives until exit: keep
    # it out of the cyclic GC, whose collections otherwise walk it on the hot path, and collect
    # less often. Measured with `make bench-hub`: S4 p99 139-160 ms -> 54 ms (bench/README.md).
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    log.info(
        "WebCammerPlus serving on http://%s:%s (API docs: /api/v1/docs)", config.HOST, config.PORT
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
