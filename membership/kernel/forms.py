"""Form limits taken from the models, so that no input reaches the database that it refuses."""

from django.db.models import EmailField

# Every e-mail column of the portal is a models.EmailField of Django's default length (254).
EMAIL_LENGTH = EmailField().max_length
