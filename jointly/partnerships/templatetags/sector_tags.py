"""The definitions of "in-house" and of the third sector (VCSE), shown on every page whose figures use them."""

from django import template
from django.utils.html import format_html

from jointly.partnerships.sectors import IN_HOUSE_DEFINITION, THIRD_SECTOR_DEFINITION

register = template.Library()


@register.simple_tag
def third_sector_definition():
    return format_html('<p class="govuk-body-s" data-definition="vcse">{}</p>', THIRD_SECTOR_DEFINITION)


@register.simple_tag
def in_house_definition():
    return format_html('<p class="govuk-body-s" data-definition="in-house">{}</p>', IN_HOUSE_DEFINITION)
