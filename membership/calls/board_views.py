"""The composition board: categories paged, and an add/remove click that redraws one category.

The rules check counts every nomination (`build_composition`); only the rows drawn are loaded:
each category shows its proposed nominations and the first `PAGE` others, "show more" adds `PAGE`
at a time, and a click answers with its own category and the rule summary (out of band).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..kernel import versions
from ..kernel.urls import url_of_each
from ..models import Nomination, NominationCall
from ..roles import STAFF_ONLY, access
from . import services
from .composition import TOPIC, CategoryRow, Composition, build_composition, nominations_drawn

# Nominations outside the proposal shown per category at first, and added by each "show more".
PAGE = 10


@dataclass
class CategoryPage:
    """One category as drawn: its proposal, the first `shown` others and the row just clicked."""

    row: CategoryRow
    nominations: list[Nomination]
    shown: int
    hidden: int
    # The first row a "show more" added: focus moves to it from the link that is gone.
    revealed: int | None = None
    # `nominations` as the table's rows (`_row_html`).
    rows: list[SafeString] = field(default_factory=list)

    @property
    def more(self) -> int:
        return min(PAGE, self.hidden)

    @property
    def next_shown(self) -> int:
        return self.shown + PAGE

    @property
    def paged(self) -> bool:
        return bool(self.hidden) or self.shown > PAGE


def _cell_labels() -> tuple[str, str, str, str]:
    """The columns' names on their cells, shown when a narrow screen stacks each row as a card."""
    representative, deputy, score, proposal = (
        f' data-label="{escape(label)}"'
        for label in (_("Representative"), _("Deputy"), _("Score"), _("Proposal"))
    )
    return representative, deputy, score, proposal


def _row_html(
    nomination: Nomination,
    revealed: int | None,
    call: NominationCall,
    review_url: Callable[[int], str],
    labels: tuple[str, str, str, str],
) -> SafeString:
    """One nomination's row of the board, every value escaped.

    Built here rather than in the template: a category's rows are most of the board's cost, and
    the template engine spent several times as long on the same markup (13 ms against 3 at the
    large demo size; format_html per cell about twice as long as this).
    """
    organisation, pk = escape(nomination.organisation), nomination.pk
    if call.is_decided:
        control = escape(nomination.get_status_display())
    elif nomination.status == Nomination.Status.SUBMITTED:
        name, label, css = (
            ("remove", _("Take out"), ' class="button-secondary"')
            if nomination.in_proposal
            else ("add", _("Add"), "")
        )
        control = (
            f'<button type="submit" id="proposal-{pk}" name="{name}" value="{pk}"{css}>{escape(label)}'
            f'<span class="visually-hidden"> {organisation}</span></button>'
        )
    else:
        control = ""
    if nomination.weighted_score is not None:
        score = f"{localize(nomination.weighted_score)} %"
    else:
        score = localize(nomination.score) if nomination.score else "–"
    places = f" ({escape(nomination.municipality_names)})" if nomination.municipality_names else ""
    deputy = escape(nomination.deputy_name or "–")
    if nomination.deputy_organisation_id:
        deputy += f" ({escape(nomination.deputy_organisation)})"
    focus = " data-focus-fallback" if nomination.pk == revealed else ""
    representative_label, deputy_label, score_label, proposal_label = labels
    return SafeString(
        f'<tr><td><a href="{escape(review_url(pk))}"{focus}>{organisation}</a>{places}</td>'
        f"<td{representative_label}>{escape(nomination.representative_name)}</td>"
        f"<td{deputy_label}>{deputy}</td>"
        f'<td class="number"{score_label}>{escape(score)}</td><td{proposal_label}>{control}</td></tr>'
    )


def category_page(
    row: CategoryRow, drawn: list[Nomination], shown: int = PAGE, revealed: bool = False
) -> CategoryPage:
    """The category as drawn: `drawn` is its proposal and first `shown` others (and the row
    clicked) in the board's order (`nominations_drawn`), so that a toggled row never moves."""
    others = [n for n in drawn if not n.in_proposal]
    first_new = None
    if revealed and len(others) > shown - PAGE:
        first_new = others[shown - PAGE].pk
    return CategoryPage(row, drawn, shown, max(0, row.others - len(others)), first_new)


def _number(value: str | None) -> int | None:
    # isdecimal() and a length limit: int() refuses "²" and strings of over 4 300 digits.
    return int(value) if value and value.isdecimal() and len(value) <= 12 else None


def _shown(value: str | None) -> int:
    return min(max(PAGE, _number(value) or PAGE), 100_000)


def _row(composition: Composition, category_id: int | None) -> CategoryRow | None:
    return next((r for r in composition.categories if r.rule.seat_category_id == category_id), None)


def board_url(call: NominationCall, category_id: int, shown: int = PAGE, keep: int | None = None) -> str:
    """The board with one category opened to `shown` others, at that category's heading."""
    query = {"category": category_id}
    if shown > PAGE:
        query["shown"] = shown
    if keep is not None:
        query["keep"] = keep
    url = reverse("membership:composition_board", args=[call.pk])
    return f"{url}?{urlencode(query)}#category-{category_id}"


def _pages(
    call: NominationCall,
    rows: list[CategoryRow],
    opened: CategoryRow | None = None,
    shown: int = PAGE,
    keep: int | None = None,
    revealed: bool = False,
) -> list[CategoryPage]:
    """The pages of `rows`: `opened` to `shown` others (and `keep`), the rest to `PAGE`."""
    limits = {row.rule.seat_category_id: shown if row is opened else PAGE for row in rows}
    keeps = {opened.rule.seat_category_id: keep} if opened is not None and keep is not None else None
    drawn = nominations_drawn(call, limits, keeps)
    pages = [
        category_page(row, drawn[row.rule.seat_category_id], limits[row.rule.seat_category_id], revealed)
        for row in rows
    ]
    review_url, labels = url_of_each("membership:nomination_review"), _cell_labels()
    for page in pages:
        page.rows = [
            _row_html(nomination, page.revealed, call, review_url, labels) for nomination in page.nominations
        ]
    return pages


def _context(call: NominationCall, composition: Composition) -> dict:
    return {
        "call": call,
        "composition": composition,
        "board_path": reverse("membership:composition_board", args=[call.pk]),
        "toggle_url": reverse("membership:proposal_toggle", args=[call.pk]),
        "page_size": PAGE,
    }


@access(STAFF_ONLY)
def composition_board(request, pk: int):
    """The board; `?category=&shown=` opens one category further (htmx: that category alone).

    Every staff member sees the same board, so its body is kept until a nomination, the call's
    rules or what they name changes (`TOPIC`): the rules check and the rows are computed once.
    """
    call = get_object_or_404(NominationCall, pk=pk)
    category, shown = _number(request.GET.get("category")), _shown(request.GET.get("shown"))
    if request.htmx and category is not None and not request.htmx.history_restore_request:
        composition = build_composition(call)
        opened = _row(composition, category)
        if opened is not None:
            context = _context(call, composition)
            [context["page"]] = _pages(call, [opened], opened, shown, revealed=True)
            response = render(request, "membership/calls/_board_category.html", context)
            response["Vary"] = "HX-Request"
            return response
    keep = _number(request.GET.get("keep"))

    def body(csrf_token: str) -> str:
        composition = build_composition(call)
        context = _context(call, composition)
        context["pages"] = _pages(call, composition.categories, _row(composition, category), shown, keep=keep)
        context["paged"] = any(page.paged for page in context["pages"])
        context["csrf_token"] = csrf_token
        return render_to_string("membership/calls/_board_body.html", context, request)

    parts = (call.pk, get_language(), category, shown, keep)
    kept = versions.remembered_markup(request, "composition-board", parts, [TOPIC], body)
    response = render(request, "membership/calls/board.html", {"call": call, "body": kept})
    response["Vary"] = "HX-Request"
    return response


def _change(nomination: Nomination, include: bool, changed: bool) -> str:
    params = {"organisation": nomination.organisation}
    if include:
        if changed:
            return _("%(organisation)s is added to the proposal.") % params
        return _("%(organisation)s is already in the proposal.") % params
    if changed:
        return _("%(organisation)s is taken out of the proposal.") % params
    return _("%(organisation)s is not in the proposal.") % params


@access(STAFF_ONLY)
def proposal_toggle(request, pk: int):
    """Add a nomination to the proposal (`add=<id>`) or take it out (`remove=<id>`).

    htmx gets the nomination's category and the rule summary; a plain POST goes back to the board
    at that category, opened as far as it was (`shown`).
    """
    call = get_object_or_404(NominationCall, pk=pk)
    if request.method != "POST":
        return redirect("membership:composition_board", pk=call.pk)
    include = "add" in request.POST
    nomination_id = _number(request.POST.get("add" if include else "remove")) or 0
    nomination = get_object_or_404(call.nominations.select_related("organisation"), pk=nomination_id)
    changed, refusal = False, None
    try:
        changed = services.set_in_proposal(nomination, include, acting_user=request.user)
    except services.CallDecided:
        refusal = _("A decided call is read-only.")
    except services.CallClosed:
        refusal = _("Only submitted nominations can be proposed.")
    shown = _shown(request.POST.get("shown"))
    back = board_url(call, nomination.seat_category_id, shown, nomination.pk)
    if not request.htmx:
        if refusal:
            messages.error(request, refusal)
        return redirect(back)
    composition = build_composition(call)
    row = _row(composition, nomination.seat_category_id)
    if row is None:
        # A category without seats has no section of its own to redraw: the whole board reloads.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = back
        return response
    context = _context(call, composition)
    [context["page"]] = _pages(call, [row], row, shown, keep=nomination.pk)
    context["change"] = refusal or _change(nomination, include, changed)
    return render(request, "membership/calls/_board_toggled.html", context)
