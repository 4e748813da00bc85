"""The chart layouts and their SVG, worked by hand.

Bar charts are 640 wide with 270 for the labels and 120 for the words after a
bar, so the plot is 640 - 270 - 120 = 250 wide. Each row is a 24-high bar and
a 10 gap, after an 8 margin at the top.
"""

from decimal import Decimal
from types import SimpleNamespace

from jointly.core.charts import (
    BLUE,
    ORANGE,
    Series,
    bar_chart,
    choropleth,
    class_for,
    format_number,
    line_chart,
    map_classes,
    shaded_map,
    sparkline,
)

PLOT = 250


def test_a_chart_draws_no_bar_for_a_hidden_figure_and_describes_itself():
    # Consultation results: a figure hidden for being small has no value, only its words.
    chart = bar_chart(
        [("11 to 15", 10, "10"), ("Under 11", None, "fewer than 5"), ("16 to 18", 5, "5")],
        title="Ages",
        largest="The largest shown is '{label}' with {text}.",
    )
    widths = [bar.width for bar in chart.bars]
    assert widths[1] == 0 and widths[0] == 2 * widths[2] > 0
    assert "largest shown is '11 to 15' with 10" in chart.description


def test_widths_are_proportional_to_the_largest_value():
    # 900 is the largest, so it spans the plot: 250; 450 is half of it: 125; 300 a third: 83.3 (83.333… rounded).
    chart = bar_chart([("A", Decimal("900"), "£900"), ("B", Decimal("450"), "£450"), ("C", Decimal("300"), "£300")], title="Spend")
    assert [bar.width for bar in chart.bars] == [PLOT, 125.0, 83.3]
    # The words go 6 after the end of each bar: 270 + 250 + 6 = 526.
    assert chart.bars[0].value_x == 526.0
    # Three rows: 8 + 3 × 34 - 10 + 8 = 108.
    assert chart.height == 108
    assert chart.description == "Bar chart: Spend. The largest is 'A' at £900. The table below gives every figure."


def test_on_a_fixed_scale_a_fifty_percent_bar_is_half_the_plot():
    chart = bar_chart([("Be healthy", 50, "50%"), ("Stay safe", 25, "25%"), ("Enjoy", None, "no evidence")], scale_max=100, description="Shares")
    # 50 of 100 is 125 of 250, whatever the largest bar; 25 is 62.5.
    assert [bar.width for bar in chart.bars] == [PLOT / 2, 62.5, 0.0]
    assert chart.bars[2].text == "no evidence"
    assert chart.description == "Shares"


def test_an_empty_list_gives_a_chart_of_no_bars():
    chart = bar_chart([], title="Nothing yet")
    assert chart.bars == [] and chart.height == 16  # only the top and bottom margins
    assert chart.description == "Bar chart: Nothing yet. The table below gives every figure."
    svg = str(chart)
    assert '<svg role="img" aria-label="Bar chart: Nothing yet.' in svg and "<rect" not in svg


def test_suppressed_values_show_their_code_instead_of_a_bar():
    chart = bar_chart([("Plymouth", 48.0, "", True), ("Torbay", None, "c"), ("Devon", None)])
    svg = str(chart)
    assert svg.count("<rect") == 1  # only Plymouth has a bar
    assert [bar.text for bar in chart.bars] == ["48", "c", "no value"]
    assert ">c</text>" in svg and ">no value</text>" in svg
    # The highlighted row is orange and its label bold; the words sit at the axis when there is no bar.
    assert f'fill="{ORANGE}"' in svg and 'font-weight="bold">Plymouth<' in svg
    assert chart.bars[1].width == 0 and chart.bars[1].value_x == 276.0


def test_zero_and_negative_values_have_no_bar_and_do_not_set_the_scale():
    chart = bar_chart([("None", 0, "0"), ("Less", -3, "-3")], title="Counts")
    assert [bar.width for bar in chart.bars] == [0.0, 0.0]
    assert "largest" not in chart.description


def test_a_reference_larger_than_every_bar_sets_the_scale_and_is_drawn_dashed():
    # England 60 is larger than the area's 30: the scale runs to 60, so 30 is 125 and England's line is at 270 + 250 = 520.
    chart = bar_chart([("Plymouth", 30, "", True)], reference=("England", 60), description="Compared with England")
    assert chart.bars[0].width == 125.0
    assert chart.reference == ("England", 60, 520.0)
    assert chart.height == 8 + 34 - 10 + 8 + 30  # one row, and room under it for England's words
    svg = str(chart)
    assert 'stroke-dasharray="4 3"' in svg and "England: 60" in svg


def test_long_labels_are_shortened_in_the_picture_not_in_the_layout():
    label = "An outcome area with a very long name indeed, for testing"
    bar = bar_chart([(label, 1, "1")], title="Long").bars[0]
    # The first 33 characters end in a space, which goes, then the ellipsis.
    assert bar.label == label and bar.short_label == "An outcome area with a very long…"


def test_labels_are_escaped():
    svg = str(bar_chart([("<script>", 1, "1")], title="A & B"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'aria-label="Bar chart: A &amp; B.' in svg


def test_format_number():
    assert [format_number(v) for v in (None, 1200, 48.0, 0.125, 12.34)] == ["", "1,200", "48", "0.12", "12.3"]


def test_a_sparkline_breaks_at_a_gap():
    svg = sparkline([1.0, 2.0, None, 4.0, 5.0], label="Trend")
    assert svg.count("<polyline") == 2 and 'aria-label="Trend"' in svg


def test_a_line_chart_breaks_each_series_at_a_gap_and_names_the_lines_in_words():
    svg = line_chart(labels=["2021", "2022", "2023", "2024"], series=[Series("Plymouth", [1, None, 3, 4], BLUE)], label="Trend of A")
    assert svg.count("<polyline") == 2  # [1] and [3, 4]
    assert svg.count("<circle") == 3  # one marker a value, none for the gap
    assert ">Plymouth</text>" in svg and 'aria-label="Trend of A"' in svg


def test_map_classes_are_equal_count_and_light_to_dark():
    # Ten values in five classes: two each, 1–2, 3–4, … 9–10.
    classes = map_classes([float(v) for v in range(1, 11)])
    assert [(c.low, c.high) for c in classes] == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert class_for(4.0, classes) is classes[1] and class_for(99.0, classes) is classes[-1]
    assert classes[-1].colour == BLUE
    # Two distinct values make two classes, the darkest two colours.
    assert len(map_classes([1.0, 1.0, 5.0])) == 2


def _map():
    return SimpleNamespace(width=100, height=50, paths=[(1, "M0 0L10 0L10 10Z"), (2, "M20 0L30 0L30 10Z")])


def test_a_shaded_map_hatches_areas_with_no_colour_and_titles_every_area():
    svg = shaded_map(_map(), {1: "#d4351c"}, {1: "Ward A: a gap", 2: "Ward B: not known"}, label="Map of wards")
    assert 'fill="#d4351c"' in svg and 'fill="url(#no-data)"' in svg
    assert "<title>Ward A: a gap</title>" in svg and "<title>Ward B: not known</title>" in svg


def test_a_choropleth_shades_by_class_and_says_no_data():
    classes = map_classes([51.0])
    svg = choropleth(_map(), {1: 51.0, 2: None}, {1: "Stoke", 2: "Efford"}, classes=classes, label="Wards")
    assert f'fill="{classes[0].colour}"' in svg and "<title>Stoke: 51</title>" in svg
    assert "url(#no-data)" in svg and "<title>Efford: no data</title>" in svg
