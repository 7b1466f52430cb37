import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from grants import imports
from grants.models import Grant, GrantYear, ImportBatch
from tests.factories import OrganisationFactory

from .factories import GrantFactory

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> bytes:
    return (
        "\n".join(["business_id;year;activity;amount_granted;funder;municipality", *lines]) + "\n"
    ).encode()


def test_preview_lists_every_rows_problems_and_saves_nothing():
    known = OrganisationFactory()
    GrantFactory(organisation=known, activity="Vanha toiminta", year=2025)
    content = _csv(
        f"{known.business_id};2025;Kohtaamispaikka;1 234,50;county;Vantaa",
        "1234567-1;2025;Ystäväpalvelu;1000;county;",
        f"{known.business_id};2025;Neuvonta;-5;county;",
        f"{known.business_id};2025;Ryhmät;paljon;county;",
        f"{known.business_id};2025;kohtaamispaikka;100;county;",
        f"{known.business_id};2025;Vanha toiminta;100;county;",
        f"{known.business_id};2025;Kerho;100;county;Tampere",
    )
    result = imports.preview(content)
    problems = {row.line: " ".join(row.problems) for row in result.rows}
    assert problems[2] == ""
    assert "Unknown business ID" in problems[3]
    assert "negative" in problems[4]
    assert "not an amount" in problems[5]
    assert "also on row 2" in problems[6]
    assert "already recorded" in problems[7]
    assert "Unknown municipality" in problems[8]
    assert not result.is_valid
    with pytest.raises(imports.ImportRefused):
        imports.save_import(content)
    assert Grant.objects.count() == 1


def test_valid_file_is_saved_whole_with_yearly_shares_and_history():
    organisations = [OrganisationFactory() for _ in range(3)]
    content = _csv(
        *(
            f"{o.business_id};2025;Toiminta {i};{1000 * (i + 1)};county;Kerava"
            for i, o in enumerate(organisations)
        )
    )
    assert imports.save_import(content) == 3
    assert Grant.objects.count() == 3
    assert GrantYear.objects.filter(year=2025).count() == 3
    assert sorted(Grant.objects.values_list("amount_granted", flat=True)) == [1000, 2000, 3000]
    assert Grant.history.count() == 3


def test_xlsx_is_read_with_finnish_headers():
    organisation = OrganisationFactory()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Y-tunnus", "Vuosi", "Toiminta", "Myönnetty"])
    sheet.append([organisation.business_id, 2026, "Kerho", 2500.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = imports.preview(buffer.getvalue())
    assert result.is_valid
    assert result.rows[0].grant.amount_granted == Decimal("2500.50")


@pytest.mark.parametrize("content", [b"%PDF-1.4 binary\x00\x01", b"PK\x03\x04not really a zip"])
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(staff_client, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        reverse("grants:import_start"), {"file": SimpleUploadedFile("grants.xlsx", content)}, follow=True
    )
    assert response.status_code == 200
    assert "not a spreadsheet" in response.content.decode()
    assert Grant.objects.count() == 0


def test_missing_columns_are_named(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        reverse("grants:import_start"),
        {"file": SimpleUploadedFile("grants.csv", b"business_id;year\n1234567-1;2025\n")},
        follow=True,
    )
    content = response.content.decode()
    assert "activity, amount_granted" in content
    assert "<button" not in content.split("Upload another file")[0].split("<h1>")[1]


def test_upload_preview_confirm_saves_and_batch_cannot_be_saved_twice(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation = OrganisationFactory()
    upload = SimpleUploadedFile("grants.csv", _csv(f"{organisation.business_id};2025;Kerho;100;;"))
    response = staff_client.post(reverse("grants:import_start"), {"file": upload})
    preview_url = response["Location"]
    assert "Every row is in order" in staff_client.get(preview_url).content.decode()
    staff_client.post(preview_url)
    assert Grant.objects.filter(organisation=organisation).count() == 1
    assert ImportBatch.objects.get().saved_count == 1
    assert staff_client.post(preview_url).status_code == 404
    assert Grant.objects.count() == 1


def test_a_file_with_only_a_header_row_is_refused():
    with pytest.raises(imports.ImportFileError, match="no rows"):
        imports.preview(b"business_id;year;activity;amount_granted\n")


def test_a_batch_is_saved_only_once():
    from django.core.files.base import ContentFile

    organisation = OrganisationFactory()
    batch = ImportBatch(original_name="a.csv")
    batch.file.save("a.csv", ContentFile(_csv(f"{organisation.business_id};2025;Kerho;100;;")), save=False)
    batch.save()
    assert imports.save_batch(batch.pk) == 1
    with pytest.raises(imports.ImportRefused):
        imports.save_batch(batch.pk)
    assert Grant.objects.count() == 1


def test_an_upload_is_kept_with_its_sender_until_saved_in_their_name(staff_user):
    organisation = OrganisationFactory()
    content = _csv(f"{organisation.business_id};2025;Kerho;100;;")
    batch = imports.start_batch(SimpleUploadedFile("avustukset.csv", content), acting_user=staff_user)
    batch.refresh_from_db()
    assert (batch.original_name, batch.uploaded_by, batch.saved_at) == ("avustukset.csv", staff_user, None)
    with batch.file.open("rb") as handle:
        assert handle.read() == content
    assert Grant.objects.count() == 0
    assert imports.save_batch(batch.pk, acting_user=staff_user) == 1
    assert Grant.history.get().history_user == staff_user


def test_the_import_page_keeps_the_upload_under_a_name_that_fits(staff_client, staff_user):
    long_name = "a" * 250 + ".csv"
    upload = SimpleUploadedFile(long_name, _csv("1234567-1;2025;Kerho;1;;"))
    response = staff_client.post(reverse("grants:import_start"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("grants:import_preview", args=[batch.pk])
    assert batch.uploaded_by == staff_user
    assert batch.original_name == long_name[:200]
