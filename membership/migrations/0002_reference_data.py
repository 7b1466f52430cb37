from django.db import migrations


def load(apps, schema_editor):
    from membership.reference_data import load_reference_data

    load_reference_data(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("membership", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
