from django.db import migrations


def load(apps, schema_editor):
    # The frozen copy beside this file, not membership.reference_data: this migration stays as it ran.
    from ._0002_reference_data import load_reference_data

    load_reference_data(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("membership", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
