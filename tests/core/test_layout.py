"""Layouts that fit: the scrolling table region and the autocomplete on long drop-downs."""

import re

import pytest
from django import forms
from django.template import Context, Engine, Template, TemplateSyntaxError

from jointly.core.forms import AutocompleteSelect, GovukForm


def render(source, **context):
    return Template("{% load jointly_layout %}" + source).render(Context(context))


def test_a_table_is_wrapped_in_a_focusable_region_named_after_its_caption():
    html = render(
        '{% scrolling_table %}<table><caption class="x">Spend by <b>partner</b>, {{ year }}</caption></table>{% endscrolling_table %}',
        year="2026 & 27",
    )
    assert html.startswith('<div class="app-table-wrapper" tabindex="0" role="region" aria-label="Spend by partner, 2026 &amp; 27">')
    # The table inside is left as it was (the caption's & escaped once, not twice).
    assert '<table><caption class="x">Spend by <b>partner</b>, 2026 &amp; 27</caption></table></div>' in html


def test_a_label_given_names_the_region_instead():
    html = render("{% scrolling_table label %}<table><caption>Caption</caption></table>{% endscrolling_table %}", label='Budgets "now"')
    assert 'aria-label="Budgets &quot;now&quot;"' in html


def test_regions_on_one_page_have_different_names_even_from_an_include():
    table = "{% load jointly_layout %}{% scrolling_table %}<table><caption>Spend</caption></table>{% endscrolling_table %}"
    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {"page.html": "{% for year in years %}" + table + "{% endfor %}{% include 'part.html' %}", "part.html": table},
            )
        ],
        libraries={"jointly_layout": "jointly.core.templatetags.jointly_layout"},
    )
    html = engine.get_template("page.html").render(Context({"years": [1, 2]}))
    assert [label for label in re.findall(r'aria-label="([^"]*)"', html)] == ["Spend", "Spend (2)", "Spend (3)"]


def test_a_table_with_no_caption_and_no_label_is_refused():
    with pytest.raises(TemplateSyntaxError, match="needs a label"):
        render("{% scrolling_table %}<table></table>{% endscrolling_table %}")


def test_every_table_in_the_templates_is_in_a_scrolling_region():
    from pathlib import Path

    import jointly

    for path in (Path(jointly.__file__).parent / "templates").rglob("*.html"):
        text = path.read_text()
        assert text.count("<table") == text.count("{% scrolling_table"), f"{path}: wrap each table in {{% scrolling_table %}}"


@pytest.mark.django_db
def test_an_organisation_drop_down_gets_the_autocomplete_and_stays_a_select():
    from jointly.partnerships.models import Organisation

    class ChooseForm(GovukForm):
        organisation = forms.ModelChoiceField(queryset=None, label="Organisation")
        sector = forms.ChoiceField(label="Sector", choices=[("", "Choose"), ("vcs", "VCS")])

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # Set after __init__, as the app forms do: the rule is applied when the field is drawn.
            self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    html = str(ChooseForm())
    organisation_select = html[html.index('<select name="organisation"') :].split(">", 1)[0]
    assert 'data-module="app-autocomplete"' in organisation_select
    assert 'class="govuk-select"' in organisation_select
    sector_select = html[html.index('<select name="sector"') :].split(">", 1)[0]
    assert "app-autocomplete" not in sector_select


def test_the_widget_can_be_named_for_any_long_choice():
    class PlaceForm(GovukForm):
        place = forms.ChoiceField(label="Place", choices=[("", "Choose"), ("a", "A")], widget=AutocompleteSelect)

    form = PlaceForm({})
    html = str(form)
    select = html[html.index('<select name="place"') :].split(">", 1)[0]
    assert 'data-module="app-autocomplete"' in select
    assert "govuk-select--error" in select
    assert form.errors["place"] == ["Select the place"]
