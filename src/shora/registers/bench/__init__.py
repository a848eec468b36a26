"""``shora bench import``: the voter import of a Khuzestan-sized extract beside COPY."""

from shora.registers.bench.command import bench_import_command

__all__ = ["bench_import_command"]
