from django.db import migrations


def load(apps, schema_editor):
    # The frozen copy beside this file, not actionplan.plan_data: this migration stays as it ran.
    from ._0002_plan_data import import_plan

    import_plan(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0001_plan_model")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
