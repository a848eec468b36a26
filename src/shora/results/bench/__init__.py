"""``shora bench tally``: the real tally of a Khuzestan-size election beside numpy."""

from shora.results.bench.command import bench_tally_command

__all__ = ["bench_tally_command"]
