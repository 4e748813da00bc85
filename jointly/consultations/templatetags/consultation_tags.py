from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def paragraphs(text: str):
    """Plain text as GOV.UK paragraphs: a blank line starts a new one."""
    parts = [" ".join(part.split()) for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    return format_html_join("\n", '<p class="govuk-body">{}</p>', ((part,) for part in parts if part))
