"""Template tags for layouts that fit a small screen."""

from __future__ import annotations

import html
import re

from django import template
from django.utils.html import format_html, strip_tags

register = template.Library()

_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


@register.tag("scrolling_table")
def scrolling_table(parser, token):
    """Wrap a table that may be wider than the screen in a region that scrolls on its own.

        {% scrolling_table %}<table class="govuk-table">…</table>{% endscrolling_table %}

    The page itself then never scrolls sideways (WCAG 2.2, 1.4.10 reflow). The region
    takes keyboard focus so it can be scrolled without a mouse, and is named after
    the table's caption (or the label given: `{% scrolling_table "Spend by partner" %}`)
    so a screen reader says what the focus landed on.
    """
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes at most one argument, the region's label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endscrolling_table",))
    parser.delete_first_token()
    return ScrollingTableNode(nodelist, label)


class ScrollingTableNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        content = self.nodelist.render(context)
        label = str(self.label.resolve(context)) if self.label else ""
        if not label:
            caption = _CAPTION.search(content)
            if caption is None:
                raise template.TemplateSyntaxError("scrolling_table needs a label when the table has no caption")
            # The caption is already escaped HTML; the label is text, escaped again by format_html.
            label = html.unescape(strip_tags(caption.group(1)))
        label = _unique(context, " ".join(label.split()))
        return format_html('<div class="app-table-wrapper" tabindex="0" role="region" aria-label="{}">{}</div>', label, content)


def _unique(context, label: str) -> str:
    """Number a label the page has used already ("What changed (2)"): each region is a landmark,
    and two landmarks with one name cannot be told apart."""
    # The bottom layer of the context is the page's own, shared with the templates it includes.
    used = context.dicts[0].setdefault("_scrolling_table_labels", {})
    used[label] = used.get(label, 0) + 1
    return label if used[label] == 1 else f"{label} ({used[label]})"
