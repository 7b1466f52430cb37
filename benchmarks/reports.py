"""Report rendering: the board's and the HYTE team's half-year report, against WeasyPrint's floor.

Run after `seed_demo`: python -m benchmarks reports
"""

from benchmarks._timing import measure, report


def run() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from membership.kernel import pdf
    from membership.kernel.periods import Period
    from reports import rendering
    from reports.models import Audience
    from reports.services import default_sections

    period = Period.parse("2026-H1")

    def render(code: str):
        audience = Audience.objects.get(code=code)

        def build() -> bytes:
            snapshot = rendering.build_snapshot(
                audience_code=code,
                audience_name=audience.name_fi,
                detailed=audience.detailed,
                language="fi",
                section_keys=default_sections(),
                period=period,
            )
            return rendering.render_pdf(snapshot)

        return build

    one_page = (
        '<html lang="fi"><head><title>Yksi sivu</title></head><body><h1>Otsikko</h1>'
        "<table><thead><tr><th scope='col'>A</th><th scope='col'>B</th></tr></thead><tbody>"
        + "".join(f"<tr><td>rivi {n}</td><td>{n}</td></tr>" for n in range(20))
        + "</tbody></table></body></html>"
    )
    report(
        "WeasyPrint floor: one tagged page",
        measure(lambda: pdf.html_to_pdf(one_page, stylesheet=rendering.PDF_CSS), repeat=7, warmup=1),
    )
    for code in ("board", "hyte"):
        build = render(code)
        with CaptureQueriesContext(connection) as queries:
            pdf = build()
        report(
            f"{code} report 2026-H1 ({len(pdf) // 1024} kB, {len(queries)} queries)",
            measure(build, repeat=5, warmup=1),
        )
