"""The centre served over HTTP inside this process, on a free local port, for a drill.

The station code talks HTTP to its centre (the same client, signatures and refusals as on
election day), so an unattended drill serves the centre's WSGI application on 127.0.0.1 in
a thread rather than calling the services behind the station's back. On an in-memory
SQLite database (the tests) the server's threads share this thread's connection, as
Django's own live server does: another connection would see another, empty, database.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connections


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Nothing: a drill's requests would drown its table (and may hold national codes)."""


def _shared_in_memory_connections() -> dict[str, Any]:
    shared = {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and getattr(conn, "is_in_memory_db", lambda: False)():
            conn.inc_thread_sharing()
            shared[conn.alias] = conn
    return shared


class CentreServer:
    """``with CentreServer() as centre:`` … ``centre.url`` … (stopped on leaving)."""

    def __init__(self) -> None:
        self._shared = _shared_in_memory_connections()
        if not self._shared and connections["default"].in_atomic_block:
            # The server's threads have their own connections: they would not see what this
            # thread has not committed (on PostgreSQL, a test needs transaction=True).
            raise RuntimeError("the in-process centre cannot run inside a transaction")
        self._server = ThreadedWSGIServer(
            ("127.0.0.1", 0), _QuietHandler, connections_override=self._shared or None
        )
        self._server.set_app(WSGIHandler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> CentreServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        for conn in self._shared.values():
            conn.dec_thread_sharing()
