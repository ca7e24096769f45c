"""scripts/audit-dependencies: a known vulnerability fails the build; a vulnerability
service out of reach is said in one line and does not; any other failure of pip-audit
fails. Reports are in pip-audit's JSON format (`--format json`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit-dependencies"
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--pip-audit", str(PIP_AUDIT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def report(tmp_path: Path, dependencies: list[dict]) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    return str(path)


def test_a_known_vulnerability_fails_and_is_named(tmp_path):
    found = run("--report", report(tmp_path, [
        {"name": "django", "version": "5.2.0", "vulns": [
            {"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": ["CVE-2025-0001"],
             "description": "..."}]},
        {"name": "pyyaml", "version": "6.0.2", "vulns": []},
    ]))  # fmt: skip
    assert found.returncode == 1
    assert "VULNERABLE: django 5.2.0: PYSEC-2025-1 (CVE-2025-0001); fixed in: 5.2.1" in (
        found.stderr
    )
    assert "1 of 2 packages have known vulnerabilities" in found.stderr


def test_a_clean_audit_passes(tmp_path):
    clean = run("--report", report(tmp_path, [{"name": "pyyaml", "version": "6.0.2", "vulns": []}]))
    assert clean.returncode == 0
    assert "dependency audit: 1 packages, no known vulnerability" in clean.stdout


def test_packages_skipped_for_want_of_the_service_are_said_loudly_and_pass(tmp_path):
    why = "Dependency not found on PyPI and could not be audited"
    skipped = run("--report", report(tmp_path, [
        {"name": "django", "skip_reason": f"{why}: django (5.2.19)"},
        {"name": "pyyaml", "skip_reason": f"{why}: pyyaml (6.0.4)"},
    ]))  # fmt: skip
    assert skipped.returncode == 0
    [line] = skipped.stderr.splitlines()
    assert line.startswith(
        "WARNING: dependency audit could not reach the vulnerability service;"
        " 2 packages not audited"
    )


def test_a_vulnerability_fails_even_when_other_packages_were_skipped(tmp_path):
    mixed = run("--report", report(tmp_path, [
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "GHSA-x", "fix_versions": []}]},
        {"name": "pyyaml", "skip_reason": "Dependency not found on PyPI"},
    ]))  # fmt: skip
    assert mixed.returncode == 1
    assert "fixed in: no fixed version yet" in mixed.stderr
    assert "1 packages not audited" in mixed.stderr


def test_pip_audit_with_no_way_to_the_service_passes_with_the_warning(tmp_path):
    requirements = tmp_path / "requirements.txt"
    lock = (ROOT / "requirements.lock").read_text()
    start = lock.index("django-csp==")
    requirements.write_text(lock[start : lock.index("\n    # via", start)] + "\n")
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    unreachable = run("-r", str(requirements), env=env)  # port 9 refuses: no service
    assert unreachable.returncode == 0, unreachable.stderr
    assert unreachable.stderr.startswith(
        "WARNING: dependency audit could not reach the vulnerability service;"
        " 1 packages not audited"
    )


def test_another_failure_of_pip_audit_fails(tmp_path):
    broken = run("-r", str(tmp_path / "no-such-requirements.txt"))
    assert broken.returncode == 2
    assert "pip-audit failed" in broken.stderr
