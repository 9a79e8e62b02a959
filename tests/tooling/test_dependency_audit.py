"""The audit's verdict (tests/tooling/dependency_audit.py) cannot be misread: found vulnerabilities
fail with their fixes named, a dependency the service could not check is never counted as clean.
(The audit itself runs in CI as `make audit`; it needs the network.)"""

from __future__ import annotations

from tests.tooling.dependency_audit import Findings

CLEAN = {"name": "flask", "version": "3.1.3", "vulns": []}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [
        {"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]},
        {"id": "PYSEC-0000-1", "fix_versions": []},
    ],
}
UNKNOWN = {
    "name": "gunicorn",
    "skip_reason": "Dependency not found on PyPI and could not be audited: gunicorn (27.0.1)",
}
OURS = {"name": "negotiation-tracker", "skip_reason": "distribution marked as editable"}


def verdict(*deps, require_complete=False):
    return Findings.from_report({"dependencies": list(deps)}).verdict(require_complete)


def test_all_audited_and_clean():
    code, lines = verdict(CLEAN, OURS)
    assert code == 0 and lines == ["pip-audit: 1 of 1 dependencies audited", "no known vulnerabilities"]


def test_vulnerabilities_fail_with_their_fixes():
    code, lines = verdict(CLEAN, VULNERABLE, UNKNOWN)
    assert code == 1
    assert "VULNERABLE: jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)" in lines
    assert "VULNERABLE: jinja2 3.1.2: PYSEC-0000-1 (fixed in no fixed version yet)" in lines


def test_unaudited_dependencies_are_not_called_clean():
    code, lines = verdict(CLEAN, UNKNOWN, OURS)
    assert code == 0
    assert lines[0] == "pip-audit: 1 of 2 dependencies audited"
    assert "NOT AUDITED" in lines[1] and "gunicorn 27.0.1" in lines[1]
    assert lines[-1] == "no known vulnerabilities in the 1 audited; 1 could not be checked"
    assert verdict(CLEAN, UNKNOWN, require_complete=True)[0] == 3
