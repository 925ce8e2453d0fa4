"""Serve localstripe (the Stripe API fake the billing tests talk to) on IPv4 loopback.

localstripe's own entry point binds an IPv6 socket on ``::`` and reloads state from
``/tmp/localstripe.pickle``; on a machine without IPv6 (or with ``bindv6only``) it
never answers on 127.0.0.1, and a stale pickle from another version crashes it.
This launcher serves the same aiohttp app on 127.0.0.1, always from an empty store,
and keeps state in memory only.

    python scripts/localstripe_serve.py --port 18420
"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    args = parser.parse_args()
    store.clear()
    store.dump_to_disk = lambda: None  # in-memory only: no shared /tmp file
    logging.basicConfig(level=logging.INFO)
    web.run_app(app, host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
