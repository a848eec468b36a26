"""``shora bench polling``: claims and ballot forwarding over HTTP beside pgbench."""

from shora.polling.bench.command import bench_polling_command

__all__ = ["bench_polling_command"]
