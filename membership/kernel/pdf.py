"""The one PDF renderer: HTML to a tagged PDF/UA-1 with WeasyPrint, then finished with pikepdf.

Every document is self-contained: the fetcher allows `data:` URLs only, so rendering reads no file
and no network. Fonts are the system's DejaVu Sans, named by each document's stylesheet. A
document that no longer changes is rendered once and then served from the cache (`cached`).

WeasyPrint 70 writes table header cells without /Scope and leaves the marked content of page
margin boxes (running headers, page numbers) outside the structure tree instead of marking it as
an artifact; `finish` fixes both after rendering.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable
from pathlib import Path

import pikepdf
from django.core.cache import cache

CACHE_SECONDS = 24 * 3600
# WeasyPrint logs every layout step at INFO; keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@functools.cache
def _stylesheet(path: str):
    from weasyprint import CSS

    return CSS(filename=path)


def html_to_pdf(html: str, *, stylesheet: Path | None = None) -> bytes:
    """The document as PDF/UA-1; `stylesheet` is a CSS file read once per process."""
    from weasyprint import HTML, URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}), base_url="data:,")
    stylesheets = [_stylesheet(str(stylesheet))] if stylesheet else None
    return finish(document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1"))


def cached(key: str, render: Callable[[], bytes], seconds: int = CACHE_SECONDS) -> bytes:
    """The PDF under `key`, rendered on first use; the key must change whenever the document does."""
    pdf = cache.get(key)
    if pdf is None:
        pdf = render()
        cache.set(key, pdf, seconds)
    return pdf


_SCOPES = {"/THead": pikepdf.Name.Column}


def finish(pdf_bytes: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return pdf_bytes
        _scope_header_cells(root)
        _mark_untagged_content_as_artifacts(pdf, root)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(element, parents=()):
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid, parents
            yield from _walk(kid, (*parents, kid))


def _scope_header_cells(root) -> None:
    """A header cell in the table head heads its column; elsewhere (first cell of a body row) its row."""
    for element, parents in _walk(root):
        if element.S != "/TH":
            continue
        section = next(
            (str(p.S) for p in reversed(parents) if str(p.S) in ("/THead", "/TBody", "/TFoot")), ""
        )
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            element.A = attributes
        if "/Scope" not in attributes:
            attributes.Scope = _SCOPES.get(section, pikepdf.Name.Row)


def _referenced_mcids(root) -> dict:
    """MCIDs the structure tree points at, per page object."""
    found: dict = {}

    def collect(element, page):
        page = element.get("/Pg", page)
        for kid in _kids(element):
            if isinstance(kid, int):
                found.setdefault(page.objgen, set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary):
                if "/MCID" in kid:
                    found.setdefault(kid.get("/Pg", page).objgen, set()).add(int(kid.MCID))
                elif "/S" in kid:
                    collect(kid, page)

    collect(root, None)
    return found


def _mark_untagged_content_as_artifacts(pdf, root) -> None:
    referenced = _referenced_mcids(root)
    for page in pdf.pages:
        known = referenced.get(page.obj.objgen, set())
        instructions = pikepdf.parse_content_stream(page)
        changed = False
        rewritten = []
        for operands, operator in instructions:  # type: ignore[misc]  # they unpack at run time
            if str(operator) == "BDC" and len(operands) == 2:
                properties = operands[1]
                tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                if tagged and int(properties.MCID) not in known:
                    rewritten.append(([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
                    changed = True
                    continue
            rewritten.append((operands, operator))
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
