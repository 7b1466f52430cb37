import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from grants.models import Funder, Grant, GrantType, GrantYear, Payment, UseReport, normalise_activity
from membership.models import Municipality, Organisation, Role
from tests.factories import OrganisationFactory, contact_of, user_with_role

from .factories import GrantFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _many_grants(count: int) -> None:
    organisations = [OrganisationFactory() for _ in range(20)]
    grant_type = GrantType.objects.get(code="activity")
    vantaa = Municipality.objects.get(code="092")
    grants = Grant.objects.bulk_create(
        Grant(
            organisation=organisations[n % 20],
            year=2024 + n % 2,
            activity=f"Toiminta {n}",
            activity_key=normalise_activity(f"Toiminta {n}"),
            grant_type=grant_type,
            municipality=vantaa if n % 2 else None,
            funder=Funder.COUNTY,
            amount_granted=Decimal(1000 + n),
            status=Grant.Status.GRANTED,
        )
        for n in range(count)
    )
    GrantYear.objects.bulk_create(GrantYear(grant=g, year=g.year, amount=g.amount_granted) for g in grants)


@pytest.mark.parametrize("count", [50, 5000])
def test_list_and_totals_stay_within_a_fixed_query_budget(staff_client, django_assert_max_num_queries, count):
    _many_grants(count)
    url = reverse("grants:grant_list") + "?year=2025&municipality=&status=granted"
    with django_assert_max_num_queries(14):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.context["summary"]["count"] == count // 2
    with django_assert_max_num_queries(25):
        response = staff_client.get(reverse("grants:totals") + "?year=2025")
    assert response.status_code == 200


def test_list_filters_and_sums(staff_client):
    kerava = Municipality.objects.get(code="245")
    GrantFactory(year=2025, municipality=kerava, amount_granted=Decimal("700"), activity="Kerho")
    GrantFactory(year=2024, amount_granted=Decimal("300"))
    response = staff_client.get(reverse("grants:grant_list"), {"year": 2025, "municipality": kerava.pk})
    assert [g.activity for g in response.context["page"].object_list] == ["Kerho"]
    assert response.context["summary"]["granted"] == Decimal("700")


def test_ngo_contact_sees_only_own_grants(client):
    own = GrantFactory(activity="Oma")
    other = GrantFactory(activity="Muiden")
    client.force_login(contact_of(own.organisation))
    response = client.get(reverse("grants:grant_list"))
    assert [g.activity for g in response.context["page"].object_list] == ["Oma"]
    assert client.get(reverse("grants:grant_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("grants:grant_export", args=["csv"])).status_code == 403
    assert client.get(reverse("grants:organisation_grants", args=[other.organisation_id])).status_code == 404


def test_council_member_sees_totals_not_grant_records(client):
    GrantFactory(amount_granted=Decimal("5000"))
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("grants:grant_list")).status_code == 403
    response = client.get(reverse("grants:totals"), {"year": 2025})
    assert response.status_code == 200
    assert "5" in response.content.decode()


def test_export_csv_and_xlsx_follow_the_filter(staff_client):
    GrantFactory(year=2025, activity="Vertaistuki Vantaa", amount_granted=Decimal("1234.50"))
    GrantFactory(year=2024, activity="Vanha")
    response = staff_client.get(reverse("grants:grant_export", args=["csv"]), {"year": 2025})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][6] == "Vertaistuki Vantaa"
    assert rows[1][9] == "1234,50"
    response = staff_client.get(reverse("grants:grant_export", args=["xlsx"]), {"year": 2025})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][9] == 1234.5
    assert staff_client.get(reverse("grants:grant_export", args=["pdf"])).status_code == 404


def test_ngo_uploads_use_report_and_wrong_type_is_refused(client):
    grant = GrantFactory(report_due_on="2025-03-31")
    client.force_login(contact_of(grant.organisation))
    url = reverse("grants:use_report_upload", args=[grant.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("raportti.pdf", b"MZ\x90\x00 not a pdf"), "note": "Muistio"}
    )
    assert response.status_code == 200
    assert "file type is not accepted" in response.content.decode()
    assert "Muistio" in response.content.decode()
    assert not UseReport.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("raportti.pdf", PDF)})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.report_received_on is not None
    assert grant.status == Grant.Status.REPORTED
    report = UseReport.objects.get()
    assert client.get(reverse("grants:use_report_file", args=[report.pk])).status_code == 200


def test_use_report_with_an_error_elsewhere_asks_to_choose_the_file_again(client):
    grant = GrantFactory()
    client.force_login(contact_of(grant.organisation))
    response = client.post(
        reverse("grants:use_report_upload", args=[grant.pk]),
        {"file": SimpleUploadedFile("raportti.pdf", PDF), "note": "x" * 2001},
    )
    page = response.content.decode()
    assert '<a href="#id_file">Use report: Choose the file again: a file is not kept' in page
    assert not UseReport.objects.exists()


def test_too_large_use_report_is_refused(client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    grant = GrantFactory()
    client.force_login(contact_of(grant.organisation))
    response = client.post(
        reverse("grants:use_report_upload", args=[grant.pk]), {"file": SimpleUploadedFile("r.pdf", PDF * 10)}
    )
    assert "too large" in response.content.decode()


def test_bad_amounts_give_messages_and_keep_the_input(staff_client):
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "funder": "county",
        "year": 2025,
        "activity": "Kerho",
        "amount_applied": "paljon",
        "amount_granted": "-10",
        "status": "granted",
    }
    response = staff_client.post(reverse("grants:grant_create"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "is not an amount in euros" in content
    assert "may not be negative" in content
    assert 'value="paljon"' in content
    assert not Grant.objects.exists()
    data.update(amount_applied="12 000,00", amount_granted="10 000,50")
    response = staff_client.post(reverse("grants:grant_create"), data)
    grant = Grant.objects.get()
    assert response["Location"] == reverse("grants:grant_detail", args=[grant.pk])
    assert grant.amount_granted == Decimal("10000.50")
    assert GrantYear.objects.get(grant=grant).amount == Decimal("10000.50")


def test_stea_grant_needs_its_type_and_multi_year_amounts_are_checked(staff_client):
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "funder": "stea",
        "year": 2026,
        "activity": "Hanke",
        "amount_granted": "90000",
        "status": "granted",
        "year_amounts": "2026: 50 000\n2027: 50 000",
    }
    content = staff_client.post(reverse("grants:grant_create"), data).content.decode()
    assert "Choose the STEA grant type" in content
    assert "add up to more than" in content
    data.update(stea_type="C", year_amounts="2026: 30 000\n2027: 30 000\n2028: 30 000")
    staff_client.post(reverse("grants:grant_create"), data)
    assert list(GrantYear.objects.values_list("year", flat=True)) == [2026, 2027, 2028]


def test_payment_above_granted_is_refused(staff_client):
    grant = GrantFactory(amount_granted=Decimal("1000"))
    url = reverse("grants:payment_add", args=[grant.pk])
    response = staff_client.post(url, {"planned_on": "2025-02-01", "planned_amount": "1000,01"})
    assert "would exceed the amount granted" in response.content.decode()
    assert not Payment.objects.exists()
    staff_client.post(
        url,
        {
            "planned_on": "2025-02-01",
            "planned_amount": "1000",
            "paid_on": "2025-02-02",
            "paid_amount": "1000",
        },
    )
    assert Payment.objects.get().paid_amount == Decimal("1000")


def test_scores_keep_the_model_version_and_give_a_weighted_total(staff_client):
    from grants.demo import ensure_evaluation_models

    ensure_evaluation_models()
    grant = GrantFactory(year=2025)
    response = staff_client.get(reverse("grants:grant_scores", args=[grant.pk]))
    criteria = response.context["form"].criteria
    data = {f"score_{c.pk}": 5 if n == 0 else 0 for n, c in enumerate(criteria)}
    data[f"score_{criteria[1].pk}"] = 9
    response = staff_client.post(reverse("grants:grant_scores", args=[grant.pk]), data)
    assert response.status_code == 200
    assert not grant.scores.exists()
    data[f"score_{criteria[1].pk}"] = 0
    staff_client.post(reverse("grants:grant_scores", args=[grant.pk]), data)
    assert set(grant.scores.values_list("model_version", flat=True)) == {"1.0"}
    response = staff_client.get(reverse("grants:grant_detail", args=[grant.pk]))
    assert response.context["weighted_total"] == Decimal("40.0")


def test_organisation_grant_history_shows_whole_funding(client):
    grant = GrantFactory(activity="Kerho", amount_granted=Decimal("1000"))
    GrantFactory(organisation=grant.organisation, funder=Funder.STEA, stea_type="C", activity="Hanke")
    client.force_login(contact_of(grant.organisation))
    response = client.get(reverse("grants:organisation_grants", args=[grant.organisation_id]))
    content = response.content.decode()
    assert "Kerho" in content and "STEA C" in content
    assert Organisation.objects.count() == 1


def test_grant_links_to_action_plan_goals_and_list_filters_by_goal(staff_client):
    from actionplan.models import PlanGoal

    goal = PlanGoal.objects.order_by("code").first()
    assert goal is not None, "the action plan's goals are loaded by its migration"
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "funder": "county",
        "year": 2026,
        "activity": "Palvelupolkujen vertaistuki",
        "amount_granted": "5000",
        "status": "granted",
        "goals": [goal.pk],
    }
    staff_client.post(reverse("grants:grant_create"), data)
    grant = Grant.objects.get()
    assert list(grant.goals.all()) == [goal]
    GrantFactory(year=2026, activity="Ilman tavoitetta")
    response = staff_client.get(reverse("grants:grant_list"), {"goal": goal.pk})
    assert [g.activity for g in response.context["page"].object_list] == ["Palvelupolkujen vertaistuki"]
    assert goal.code in staff_client.get(reverse("grants:grant_detail", args=[grant.pk])).content.decode()


def test_organisation_page_partial_links_to_grant_history():
    from django.template.loader import render_to_string

    organisation = OrganisationFactory()
    html = render_to_string(
        "grants/_organisation_link.html", {"organisation": organisation, "is_ngo_contact": True}
    )
    assert reverse("grants:organisation_grants", args=[organisation.pk]) in html
    assert render_to_string("grants/_organisation_link.html", {"organisation": organisation}).strip() == ""


def test_totals_page_follows_its_filters(staff_client):
    kerava = Municipality.objects.get(code="245")
    GrantFactory(year=2025, municipality=kerava, amount_granted=Decimal("700"))
    GrantFactory(year=2025, amount_granted=Decimal("300"))
    response = staff_client.get(reverse("grants:totals"), {"year": 2025})
    by_year = response.context["sections"][0]["rows"]
    assert [(r.key, r.current) for r in by_year] == [(2025, Decimal("1000"))]
    response = staff_client.get(reverse("grants:totals"), {"year": 2025, "municipality": kerava.pk})
    assert [(r.key, r.current) for r in response.context["sections"][0]["rows"]] == [(2025, Decimal("700"))]


def test_planned_payment_is_marked_paid_and_granted_amount_cannot_drop_below_payments(staff_client):
    from grants.services import GrantError, add_payment, save_grant

    grant = GrantFactory(amount_granted=Decimal("1000"))
    first = add_payment(grant, "2025-02-01", Decimal("600"))
    add_payment(grant, "2025-09-01", Decimal("400"))
    response = staff_client.get(reverse("grants:grant_detail", args=[grant.pk]))
    assert "late" in response.content.decode()
    url = reverse("grants:payment_edit", args=[first.pk])
    data = {
        "planned_on": "2025-02-01",
        "planned_amount": "600",
        "paid_on": "2025-02-05",
        "paid_amount": "600",
    }
    assert staff_client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.paid_amount == Decimal("600")
    data["planned_amount"] = "700"
    assert "would exceed" in staff_client.post(url, data).content.decode()
    grant.amount_granted = Decimal("900")
    with pytest.raises(GrantError):
        save_grant(grant)


def test_staff_plan_payments_from_the_detail_page(staff_client):
    from .factories import GrantRoundFactory

    grant = GrantFactory(grant_round=GrantRoundFactory(payment_rule="two"), amount_granted=Decimal("1000"))
    url = reverse("grants:payments_plan", args=[grant.pk])
    assert url in staff_client.get(reverse("grants:grant_detail", args=[grant.pk])).content.decode()
    staff_client.post(url)
    assert grant.payments.count() == 2
    response = staff_client.post(url, follow=True)
    assert "already has payments" in response.content.decode()
    assert grant.payments.count() == 2


def test_a_grant_round_is_added_and_changed_in_the_staff_members_name(staff_client, staff_user):
    from grants.models import GrantRound

    data = {
        "name": "Toiminta-avustukset 2026",
        "year": "2026",
        "grant_type": GrantType.objects.get(code="activity").pk,
        "budget": "900 000",
        "opens_on": "2025-09-01",
        "closes_on": "2025-10-31",
        "payment_rule": "two",
    }
    assert staff_client.post(reverse("grants:round_create"), data)["Location"] == reverse("grants:round_list")
    grant_round = GrantRound.objects.get()
    assert grant_round.budget == Decimal("900000")
    data["closes_on"] = "2025-08-01"
    response = staff_client.post(reverse("grants:round_edit", args=[grant_round.pk]), data)
    assert "cannot close before it opens" in response.content.decode()
    data["closes_on"] = "2025-11-15"
    staff_client.post(reverse("grants:round_edit", args=[grant_round.pk]), data)
    assert GrantRound.objects.get().closes_on.isoformat() == "2025-11-15"
    assert [h.history_user for h in grant_round.history.all()] == [staff_user, staff_user]
