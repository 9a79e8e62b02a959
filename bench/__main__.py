"""Runs every benchmark module in bench/ (``bench_*.py``), prints each ratio with its target, and
exits non-zero if any target is missed (``--smoke``: tiny sizes, targets not enforced)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import bench
from bench.common import Options, Outcome, Unavailable


def discover() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; check it runs, enforce no target")
    pg = parser.add_mutually_exclusive_group()
    pg.add_argument(
        "--postgres",
        dest="postgres",
        action="store_true",
        default=None,
        help="also measure on PostgreSQL (TRACKER_POSTGRES_* settings) and fail if unreachable",
    )
    pg.add_argument(
        "--no-postgres",
        dest="postgres",
        action="store_false",
        help="measure on SQLite only (by default PostgreSQL is measured when reachable)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="more rounds: more timed batches, steadier figures"
    )
    parser.add_argument("--dir", type=Path, help="directory for the SQLite files (default: system temp)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("only", nargs="*", help="benchmark module names to run (default: all)")
    return parser.parse_args(argv)


def report(outcome: Outcome, smoke: bool) -> None:
    if outcome.target is None:
        print(
            f"{outcome.benchmark} [{outcome.store}]: {outcome.ratio:,.1f} {outcome.unit} (reported; no target)"
        )
    else:
        verdict = "met" if outcome.met else ("not enforced (smoke run)" if smoke else "MISSED")
        print(
            f"{outcome.benchmark} [{outcome.store}]: ratio {outcome.ratio:.2f} "
            f"(target {outcome.sense} {outcome.target:g}): {verdict}"
        )
    for name, value in outcome.figures.items():
        print(f"    {name}: {value}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    names = discover()
    if args.list:
        print("\n".join(names))
        return 0
    unknown = sorted(set(args.only) - set(names))
    if unknown or not names:
        print(
            f"no such benchmark: {', '.join(unknown) or '(none found)'}; have: {', '.join(names)}",
            file=sys.stderr,
        )
        return 2
    options = Options(smoke=args.smoke, postgres=args.postgres, rounds=max(1, args.rounds), workdir=args.dir)
    missed = 0
    for name in args.only or names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}: {module.TITLE}", flush=True)
        started = time.perf_counter()
        try:
            outcomes = module.run(options)
        except Unavailable as reason:
            print(f"{name}: cannot run: {reason}", file=sys.stderr)
            return 2
        for outcome in outcomes:
            report(outcome, args.smoke)
            missed += not outcome.met
        print(f"   ({time.perf_counter() - started:.1f}s)", flush=True)
    if missed and not args.smoke:
        print(f"{missed} target(s) missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
