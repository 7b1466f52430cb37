"""The one SVG chart module: accessible, escaped, the same inline and in a PDF."""

from membership.kernel.charts import line_chart_svg, stacked_bar_svg


def test_line_chart_is_an_image_with_its_title_and_a_point_per_value():
    svg = line_chart_svg("Kävijät <arvio>", ["2026-Q1", "2026-Q2"], [3, 5], baseline=2.0, target=6.0)
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-labelledby" in svg
    assert "Kävijät &lt;arvio&gt;" in svg and svg.count("<circle") == 2 and "2026-Q2" in svg


def test_stacked_bar_leaves_out_empty_segments_and_escapes_labels():
    svg = stacked_bar_svg("Tilat", [("A & B", 3, "#000000"), ("tyhjä", 0, "#111111"), ("C", 1, "#222222")])
    assert svg.count("<rect") == 2 and "A &amp; B: 3" in svg and "tyhjä" not in svg
