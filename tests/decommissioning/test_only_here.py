"""No contract is ended early without the decommissioning steps: only decommissioning's services make
the contract's give_notice and terminate moves. The source is searched, so a new caller anywhere fails here."""

import re
from pathlib import Path

import jointly

MOVES = re.compile(r"""move\s*=\s*["'](give_notice|terminate)["']""")
ALLOWED = Path(jointly.__file__).parent / "decommissioning" / "services"


def test_only_decommissioning_services_give_notice_or_terminate():
    root = Path(jointly.__file__).parent
    callers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if MOVES.search(path.read_text(encoding="utf-8")) and ALLOWED not in path.parents and "migrations" not in path.parts
    )
    assert callers == []
    assert MOVES.search((ALLOWED / "decommissionings.py").read_text(encoding="utf-8"))
