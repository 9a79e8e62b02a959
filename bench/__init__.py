"""Benchmarks that print ratios against a baseline measured in the same run (`python -m bench`).

Each benchmark is a module ``bench/bench_<name>.py`` with ``TITLE`` and ``run(options)`` returning a
list of ``bench.common.Outcome``; ``bench/__main__.py`` finds and runs them all.
"""
