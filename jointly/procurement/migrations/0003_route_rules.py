"""Seed the routes in force (docs/RULES.md): what each allows and asks, from the date it took effect.

Configuration data, not code: a change in the law is a new row with the date it takes effect.
Values are never copied here: a route's bounds name the threshold kinds, read from
plans.ProcurementThreshold in force on the day; only the small-grant ceiling (a local choice,
£35,000 in the seeds) is an amount.
"""

import datetime
from decimal import Decimal

from django.db import migrations

ACT = datetime.date(2025, 2, 24)
PSR = datetime.date(2024, 1, 1)
ACT_SOURCE = "Procurement Act 2023 (in force since 24 February 2025)"
PSR_SOURCE = "Health Care Services (Provider Selection Regime) Regulations 2023"
SEEDS = "Local policy from the seeds (small grants up to £35,000)"

# route, effective_from, order, lower, upper, max_value, light_touch, health_care, min days, PQ allowed,
# standstill, standstill working days, transparency notice first, justification, run as grant, summary, source
ROUTES = [
    (
        "small_grant",
        ACT,
        10,
        "none",
        "none",
        Decimal("35000.00"),
        None,
        None,
        0,
        False,
        False,
        0,
        False,
        False,
        True,
        "A short application form for a small grant, run by the grants team as a grant programme.",
        SEEDS,
    ),
    (
        "grant_round",
        ACT,
        20,
        "none",
        "none",
        None,
        None,
        None,
        0,
        False,
        False,
        0,
        False,
        False,
        True,
        "A grant round for voluntary and community organisations, run by the grants team as a grant programme.",
        SEEDS,
    ),
    (
        "quotation",
        ACT,
        30,
        "none",
        "publication",
        None,
        None,
        False,
        0,
        False,
        False,
        0,
        False,
        False,
        False,
        "Ask for quotations: for contracts below the publication threshold, with a short form.",
        ACT_SOURCE,
    ),
    (
        "below_threshold_open",
        ACT,
        40,
        "publication",
        "procurement",
        None,
        None,
        False,
        0,
        False,
        False,
        0,
        False,
        False,
        False,
        "An open competition below the procurement threshold, published on the Central Digital Platform. No pre-qualification stage is allowed.",
        ACT_SOURCE,
    ),
    (
        "light_touch",
        ACT,
        50,
        "procurement",
        "none",
        None,
        True,
        False,
        0,
        True,
        False,
        0,
        False,
        False,
        False,
        "A competitive procedure under the light-touch regime for social, health, education and children's services "
        "above the threshold: no statutory minimum time limits and no mandatory standstill.",
        ACT_SOURCE,
    ),
    (
        "open",
        ACT,
        60,
        "procurement",
        "none",
        None,
        None,
        False,
        25,
        False,
        True,
        8,
        False,
        False,
        False,
        "The open procedure: one stage, anyone may bid; at least 25 days to respond above the threshold.",
        ACT_SOURCE,
    ),
    (
        "competitive_flexible",
        ACT,
        70,
        "procurement",
        "none",
        None,
        None,
        False,
        25,
        True,
        True,
        8,
        False,
        False,
        False,
        "The competitive flexible procedure, designed by the trust, which may have stages such as conditions of "
        "participation, dialogue or negotiation.",
        ACT_SOURCE,
    ),
    (
        "direct_award",
        ACT,
        80,
        "none",
        "none",
        None,
        None,
        False,
        0,
        False,
        True,
        8,
        True,
        True,
        False,
        "A direct award to one supplier: needs a recorded justification and a transparency notice first.",
        ACT_SOURCE,
    ),
    (
        "psr_direct_a",
        PSR,
        90,
        "none",
        "none",
        None,
        None,
        True,
        0,
        False,
        False,
        0,
        False,
        True,
        False,
        "Health care: direct award process A, where only the existing provider can provide the service.",
        PSR_SOURCE,
    ),
    (
        "psr_direct_b",
        PSR,
        91,
        "none",
        "none",
        None,
        None,
        True,
        0,
        False,
        False,
        0,
        False,
        True,
        False,
        "Health care: direct award process B, where patients choose their provider.",
        PSR_SOURCE,
    ),
    (
        "psr_direct_c",
        PSR,
        92,
        "none",
        "none",
        None,
        None,
        True,
        0,
        False,
        True,
        8,
        False,
        True,
        False,
        "Health care: direct award process C, where the existing provider is satisfactory and the service is not "
        "changing considerably; an intention-to-award notice and an 8-working-day standstill.",
        PSR_SOURCE,
    ),
    (
        "psr_most_suitable",
        PSR,
        93,
        "none",
        "none",
        None,
        None,
        True,
        0,
        False,
        True,
        8,
        False,
        True,
        False,
        "Health care: the most suitable provider process, choosing a provider without a competition; "
        "an intention-to-award notice and an 8-working-day standstill.",
        PSR_SOURCE,
    ),
    (
        "psr_competitive",
        PSR,
        94,
        "none",
        "none",
        None,
        None,
        True,
        0,
        True,
        True,
        8,
        False,
        False,
        False,
        "Health care: the competitive process, judged on quality and innovation, value, integration, access and "
        "inequalities, and social value; an 8-working-day standstill.",
        PSR_SOURCE,
    ),
]
FIELDS = (
    "route effective_from order lower upper max_value light_touch health_care min_response_days pre_qualification_allowed "
    "standstill_applies standstill_working_days transparency_notice_first justification_required run_as_grant summary source"
).split()


def seed(apps, schema_editor):
    RouteRule = apps.get_model("procurement", "RouteRule")
    for row in ROUTES:
        values = dict(zip(FIELDS, row, strict=True))
        route, effective_from = values.pop("route"), values.pop("effective_from")
        RouteRule.objects.get_or_create(route=route, effective_from=effective_from, defaults=values)


def unseed(apps, schema_editor):
    RouteRule = apps.get_model("procurement", "RouteRule")
    for row in ROUTES:
        RouteRule.objects.filter(route=row[0], effective_from=row[1]).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_opportunities_bids_evaluation_notices"), ("plans", "0002_thresholds")]
    operations = [migrations.RunPython(seed, unseed)]
