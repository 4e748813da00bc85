"""Awarded grants as 360Giving data (standard 1.4): a JSON package and the flat CSV.

Only awarded grants of decided or deciding programmes appear, and only to organisations:
grants to individuals are never published here (360Giving's privacy rule), and nothing of
an application but its title, summary and amounts leaves the service.

Identifiers: every grant's id is the installation's registered prefix (`config.identifier_prefix`,
"360G-jointly-" unless configured) and the application's number; a recipient's is its charity
(GB-CHC-) or company (GB-COH-) number in org-id.guide form, or the prefix and its directory slug
when it has neither. The beneficiary location is the trust's area with its ONS code.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from jointly.core.downloads import csv_cell

from . import config
from .models import GrantApplication

VERSION = "1.4"

# ONS code prefixes (RULES.md) to 360Giving's geoCodeType codelist.
_GEO_CODE_TYPES = {"E06": "UA", "E07": "NMD", "E08": "MD", "E09": "LONB", "E10": "CTY", "E12": "RGN/GOR", "E05": "WD", "E01": "LSOA"}


def grant_id(application: GrantApplication) -> str:
    return f"{config.identifier_prefix()}grant-{application.pk}"


def organisation_id(organisation) -> str:
    if organisation.charity_number:
        return f"GB-CHC-{organisation.charity_number}"
    if organisation.company_number:
        return f"GB-COH-{organisation.company_number}"
    return f"{config.identifier_prefix()}org-{organisation.slug}"


def awarded_grants():
    """The published grants, for the export: the query every reader (page, API, CSV) goes through."""
    return (
        GrantApplication.objects.filter(status=GrantApplication.Status.AWARDED, programme__status__in=["panel", "decided"])
        .select_related("organisation", "programme__trust__area")
        .order_by("decided_at", "pk")
    )


def grant(application: GrantApplication) -> dict:
    programme, organisation, area = application.programme, application.organisation, application.programme.trust.area
    recipient = {"id": organisation_id(organisation), "name": organisation.name}
    if organisation.charity_number:
        recipient["charityNumber"] = organisation.charity_number
    if organisation.company_number:
        recipient["companyNumber"] = organisation.company_number
    location = {"name": area.name, "geoCode": area.code, "countryCode": "GB"}
    if geo_type := _GEO_CODE_TYPES.get(area.code[:3]):
        location["geoCodeType"] = geo_type
    return {
        "id": grant_id(application),
        "title": application.project_title,
        "description": application.summary or application.project_title,
        "currency": "GBP",
        "amountAppliedFor": float(application.amount_requested) if application.amount_requested is not None else None,
        "amountAwarded": float(application.amount_awarded),
        # A full date-time: the schema's date-or-date-time choice must match exactly one.
        "awardDate": timezone.localtime(application.decided_at).replace(microsecond=0).isoformat(),
        "recipientOrganization": [recipient],
        "fundingOrganization": [{"id": programme.funder_org_id, "name": programme.funder_name}],
        "grantProgramme": [{"code": f"{config.identifier_prefix()}programme-{programme.pk}", "title": programme.title}],
        "beneficiaryLocation": [location],
        "fromOpenCall": "Yes",
        "dateModified": application.updated_at.isoformat(),
    }


def _without_nulls(record: dict) -> dict:
    return {key: value for key, value in record.items() if value is not None}


def package(applications) -> dict:
    """A 360Giving grant package. The schema needs at least one grant: an empty export has an empty list."""
    return {"version": VERSION, "grants": [_without_nulls(grant(application)) for application in applications]}


CSV_COLUMNS = (
    ("Identifier", "id"),
    ("Title", "title"),
    ("Description", "description"),
    ("Currency", "currency"),
    ("Amount Applied For", "amountAppliedFor"),
    ("Amount Awarded", "amountAwarded"),
    ("Award Date", "awardDate"),
    ("Recipient Org:Identifier", ("recipientOrganization", "id")),
    ("Recipient Org:Name", ("recipientOrganization", "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", "companyNumber")),
    ("Funding Org:Identifier", ("fundingOrganization", "id")),
    ("Funding Org:Name", ("fundingOrganization", "name")),
    ("Grant Programme:Code", ("grantProgramme", "code")),
    ("Grant Programme:Title", ("grantProgramme", "title")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", "name")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", "geoCodeType")),
    ("From An Open Call?", "fromOpenCall"),
    ("Last Modified", "dateModified"),
)


def csv_text(applications) -> str:
    """The same grants in 360Giving's flat CSV form (its standard column titles)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for application in applications:
        record = grant(application)
        row = []
        for _, key in CSV_COLUMNS:
            if isinstance(key, tuple):
                value = record[key[0]][0].get(key[1], "")
            else:
                value = record.get(key, "")
            # Applicants write the titles and summaries: neutralised so no spreadsheet runs them.
            row.append(csv_cell(value))
        writer.writerow(row)
    return out.getvalue()
