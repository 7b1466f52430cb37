from django.db import migrations


def load(apps, schema_editor):
    from actionplan.plan_data import import_plan

    import_plan(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0001_plan_model")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
