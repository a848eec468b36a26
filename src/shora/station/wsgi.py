"""The station console's WSGI application, with the forwarding thread of its process.

``shora station serve`` runs it in gunicorn with ONE worker process and a few threads:
one process is the only writer of the journal, its forwarder thread lives beside the
console's threads (and dies with them), and the memory that holds a ballot being filled
in and its printout is the same for every request. gunicorn imports this module in the
worker (not in the master), so the thread starts where the requests are served.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shora.station.settings")

application = get_wsgi_application()


def _forwarder_start() -> None:
    from django.conf import settings

    from shora.station import forwarding
    from shora.station.views.console import station_journal

    if os.environ.get("SHORA_STATION_FORWARDER", "1") == "0" or forwarding.running is not None:
        return
    forwarding.running = forwarding.Forwarder(
        station_journal(),
        interval=settings.SHORA_STATION_FORWARD_INTERVAL,
        mix_at_least=settings.SHORA_STATION_MIX,
    ).start()


_forwarder_start()
