"""The procurement API: one router for the stage, each part adding its own below.

Opportunities and clarifications are public once published; bids are their bidder's own;
evaluations are the panel's; the OCDS release package is open data.
"""

from ninja import Router

from . import bids, evaluation, opportunities

router = Router(tags=["procurement"])
# Each part of the stage adds its router here, one line each. The opportunities' come last: their
# /procurement/opportunities/{slug}/{id} would otherwise take /procurement/opportunities/{id}/evaluation.
router.add_router("", evaluation.router)
router.add_router("", bids.router)
router.add_router("", opportunities.router)
