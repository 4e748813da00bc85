"""A record of any audited model, built from its fields, for tests that must cover every model.

Every text field gets a distinctive value naming the model and field
("zq7-<model>-<field>"), and every private field (by the model's disclosure
rule) one of its own ("zq7p-<field>"), so a test can look for each in a page.
Foreign keys point at the test's trust, organisation and people where they
can, and otherwise at records built the same way.
"""

from __future__ import annotations

import datetime
import decimal
import itertools

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from jointly.accounts.disclosure import private_fields
from jointly.accounts.models import Assignment, Membership, User
from jointly.accounts.services import api_token_create, assignment_grant
from jointly.audit.models import AuditedModel
from tests.factories import AreaFactory, OrganisationFactory, TrustPartnerFactory, UserFactory

PUBLIC = "zq7-"
PRIVATE = "zq7p-"
_serial = itertools.count(1)


def audited_models() -> list[type[models.Model]]:
    return sorted((m for m in apps.get_models() if issubclass(m, AuditedModel)), key=lambda m: m._meta.label_lower)


def private_value(field_name: str, round_: int = 1) -> str:
    # Short enough for the narrowest private field (a token's 12-character prefix).
    return f"{PRIVATE[:-1]}{round_}-{field_name}"


class Builder:
    def __init__(self, *, trust, region, organisation, owner):
        self.trust, self.region, self.organisation, self.owner = trust, region, organisation, owner
        self.built: dict[type, models.Model] = {}

    def record(self, model):
        """One record of the model, its private fields changed once, so the trail holds two values of each.

        Returns the record and {field: [first value, second value]}.
        """
        instance = self._make(model)
        values = {}
        for name in private_fields(model):
            attname = model._meta.get_field(name).attname
            values[name] = [getattr(instance, attname), private_value(name, 2)]
            setattr(instance, attname, private_value(name, 2))
        if values:
            instance.save()
        return instance, values

    # --- how each model is made ---------------------------------------------

    def _make(self, model):
        if model in self.built:
            return self.built[model]
        special = getattr(self, f"_make_{model._meta.label_lower.replace('.', '_')}", None)
        instance = special() if special else model.objects.create(**self._values(model))
        self.built[model] = instance
        return instance

    def _make_accounts_user(self):
        return UserFactory(full_name=f"{PUBLIC}person", role="provider_user")

    def _make_accounts_membership(self):
        return Membership.objects.create(user=UserFactory(), trust=self.trust)

    def _make_accounts_apitoken(self):
        token, _ = api_token_create(user=self.owner, name=f"{PUBLIC}token")
        return token

    def _make_accounts_assignment(self):
        seat = self._make(apps.get_model("partnerships", "Seat"))
        return assignment_grant(person=UserFactory(), kind=Assignment.Kind.PANEL_MEMBER, obj=seat, note=f"{PUBLIC}note")

    def _make_partnerships_trust(self):
        return self.trust

    def _make_partnerships_region(self):
        return self.region

    def _make_partnerships_organisation(self):
        values = {name: private_value(name) for name in private_fields(apps.get_model("partnerships", "Organisation"))}
        organisation = OrganisationFactory(name=f"{PUBLIC}organisation", **values)
        TrustPartnerFactory(trust=self.trust, organisation=organisation)
        return organisation

    def _make_partnerships_trustpartner(self):
        return TrustPartnerFactory(trust=self.trust, organisation=OrganisationFactory())

    def _make_places_statisticalneighbour(self):
        model = apps.get_model("places", "StatisticalNeighbour")
        return model.objects.create(**{**self._values(model), "authority": self.trust.area, "neighbour": AreaFactory()})

    def _make_providers_openingtime(self):
        model = apps.get_model("providers", "OpeningTime")
        return model.objects.create(**{**self._values(model), "opens_at": datetime.time(9), "closes_at": datetime.time(17)})

    def _make_places_area(self):
        return self.trust.area

    def _make_partnerships_seat(self):
        return apps.get_model("partnerships", "Seat").objects.create(**self._values(apps.get_model("partnerships", "Seat")))

    # --- field values ----------------------------------------------------------

    def _make_contracts_contract(self):
        # A contract naming no award is a recorded direct award (a check constraint holds it so).
        model = apps.get_model("contracts", "Contract")
        return model.objects.create(**{**self._values(model), "origin": "direct_award"})

    def _make_monitoring_returntemplate(self):
        # A template is a trust's or a region's (a check constraint holds it so): the test's trust's.
        model = apps.get_model("monitoring", "ReturnTemplate")
        return model.objects.create(**{**self._values(model), "trust": self.trust})

    def _make_monitoring_returnline(self):
        # A line answers a contract measure in its part, or a question (a check constraint): a measure's.
        model = apps.get_model("monitoring", "ReturnLine")
        part = self._make(apps.get_model("monitoring", "ReturnPart"))
        measure = self._make(apps.get_model("contracts", "ContractMeasure"))
        return model.objects.create(**{**self._values(model), "part": part, "measure": measure, "monitoring_return": part.monitoring_return})

    def _values(self, model) -> dict:
        values = {}
        private = set(private_fields(model))
        for field in model._meta.concrete_fields:
            if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            if field.is_relation:
                target = self._target(field)
                if target is not None:
                    values[field.name] = target
                continue
            if field.name in private:
                values[field.name] = private_value(field.name)
                continue
            if field.has_default() or (field.null and not isinstance(field, (models.CharField, models.TextField))):
                continue
            values[field.name] = self._value(model, field)
        return values

    def _target(self, field):
        related = field.related_model
        if related is ContentType:
            return ContentType.objects.get_for_model(apps.get_model("partnerships", "Body"))
        if related is User:
            return self.owner
        label = related._meta.label_lower
        if label == "partnerships.organisation":
            return self.organisation
        if field.null:
            return None
        return self._make(related)

    def _value(self, model, field):
        if field.choices:
            return field.choices[0][0]
        n = next(_serial)
        if isinstance(field, models.EmailField):
            return f"{PUBLIC}{n}@example.org"
        if isinstance(field, models.URLField):
            return f"https://example.org/{PUBLIC}{n}"
        if isinstance(field, models.SlugField):
            return f"{PUBLIC}{model._meta.model_name}-{n}"[: field.max_length]
        if isinstance(field, (models.CharField, models.TextField)):
            text = f"{PUBLIC}{model._meta.model_name}-{field.name}-{n}"
            return text[: field.max_length] if field.max_length else text
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.DecimalField):
            return decimal.Decimal("1")
        if isinstance(field, models.FloatField):
            return 1.0
        if isinstance(field, models.IntegerField):
            return 1
        if isinstance(field, models.DateTimeField):
            return timezone.now()
        if isinstance(field, models.DateField):
            return datetime.date.today()
        if isinstance(field, models.TimeField):
            return datetime.time(9, 0)
        if isinstance(field, models.JSONField):
            return {}
        if isinstance(field, models.UUIDField):
            import uuid

            return uuid.uuid4()
        raise TypeError(f"No test value for {model._meta.label}.{field.name} ({type(field).__name__})")
