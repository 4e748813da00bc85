"""The import layers in pyproject.toml hold: each app imports only the apps below it, and accounts no domain app."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_every_import_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_a_wrong_way_import_breaks_the_check(tmp_path):
    # core's transitions write to the audit trail, so forbidding that import must fail the run:
    # proof that a broken contract fails this test rather than passing unseen.
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "jointly"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "core may not write to the trail (deliberately false)"\n'
        'type = "forbidden"\n'
        'source_modules = ["jointly.core.transitions"]\n'
        'forbidden_modules = ["jointly.audit"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
