"""Bench server: the real app on the real gevent stack, plus one bare no-auth Flask route.

usage: python bench/rest_server.py PORT   (env: VAR_DIR, DATABASE_URL, ... as for the server)
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from server import create_app  # noqa: E402
from server.__main__ import NoDelayWSGIServer, QuietHandler  # noqa: E402
from server.config import Config  # noqa: E402
from server.migrate import upgrade  # noqa: E402


def main() -> None:
    port = int(sys.argv[1])
    config = Config.from_env(dotenv_path=None).validate()
    upgrade(config.DATABASE_URL)
    app = create_app(config)

    @app.get("/bench/bare")
    def bare() -> dict:
        return {"ok": True}

    app.extensions["webcammer"].limiter.exempt(bare)
    NoDelayWSGIServer(
        ("127.0.0.1", port), app, handler_class=QuietHandler, log=None
    ).serve_forever()


if __name__ == "__main__":
    main()
