"""`make audit`: pip-audit over every installed dependency (the environment the tests and the app run
in), with an answer that cannot be misread:

* vulnerabilities found: each one with the versions that fix it; exit 1;
* every dependency audited, none vulnerable: "no known vulnerabilities"; exit 0;
* some dependencies could not be audited (the vulnerability service does not know that version, e.g.
  a PyPI mirror without the per-version JSON API): they are listed as NOT AUDITED and the summary
  says so instead of "no known vulnerabilities"; exit 0, or 3 with AUDIT_REQUIRE_COMPLETE=1;
* pip-audit itself could not run (no network to the service): exit 2.

The raw report is kept in artifacts/security/pip-audit.json.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "artifacts" / "security" / "pip-audit.json"
EDITABLE = "distribution marked as editable"  # our own package, not a dependency


@dataclass
class Findings:
    audited: list[str] = field(default_factory=list)
    vulnerable: list[str] = field(default_factory=list)  # "name version: ID (fixed in ...)"
    not_audited: list[str] = field(default_factory=list)

    @classmethod
    def from_report(cls, report: dict) -> Findings:
        found = cls()
        for dep in report.get("dependencies", []):
            version = dep.get("version") or next(
                iter(re.findall(r"\(([^()]+)\)$", dep.get("skip_reason", ""))), "?"
            )
            name = f"{dep['name']} {version}"
            if dep.get("skip_reason"):
                if EDITABLE not in dep["skip_reason"]:
                    found.not_audited.append(name)
                continue
            found.audited.append(name)
            for vuln in dep.get("vulns", []):
                fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                found.vulnerable.append(f"{name}: {vuln['id']} (fixed in {fixes})")
        return found

    def verdict(self, require_complete: bool = False) -> tuple[int, list[str]]:
        total = len(self.audited) + len(self.not_audited)
        lines = [f"pip-audit: {len(self.audited)} of {total} dependencies audited"]
        if self.vulnerable:
            lines += [f"VULNERABLE: {v}" for v in self.vulnerable]
            lines.append(f"{len(self.vulnerable)} known vulnerabilities: upgrade the packages above")
            return 1, lines
        if self.not_audited:
            lines.append(
                f"NOT AUDITED ({len(self.not_audited)}; the service does not know these versions): "
                + ", ".join(self.not_audited)
            )
            lines.append(
                f"no known vulnerabilities in the {len(self.audited)} audited; "
                f"{len(self.not_audited)} could not be checked"
            )
            return (3 if require_complete else 0), lines
        lines.append("no known vulnerabilities")
        return 0, lines


def run_pip_audit() -> dict:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--desc",
        "off",
        "--format",
        "json",
        "--output",
        str(REPORT),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if not REPORT.exists() or done.returncode not in (0, 1):  # 1: vulnerabilities found
        raise RuntimeError(f"pip-audit could not run ({done.returncode}): {done.stderr.strip()[-1500:]}")
    return json.loads(REPORT.read_text())


def main() -> int:
    try:
        report = run_pip_audit()
    except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
        print(f"pip-audit: the audit did not run: {error}", file=sys.stderr)
        return 2
    code, lines = Findings.from_report(report).verdict(os.environ.get("AUDIT_REQUIRE_COMPLETE") == "1")
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
