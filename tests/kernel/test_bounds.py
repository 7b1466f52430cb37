"""Form limits come from the model: input beyond a column's size gets the form's message, not a 500."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_an_email_longer_than_the_column_gets_the_forms_message(ngo_client, ngo_user):
    organisation = ngo_user.contact_links.get().organisation
    url = reverse("membership:organisation_invite", args=[organisation.pk])
    response = ngo_client.post(url, {"email": "a" * 250 + "@example.fi"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
