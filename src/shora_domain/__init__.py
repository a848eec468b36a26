"""The election's rules, with no web framework: shora's pure domain package.

Nothing here imports Django (an import-linter contract and a test check it), so the
verifier, the benchmarks and the property tests use these rules directly.
"""
