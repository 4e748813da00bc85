import django.db.models.deletion
from django.db import migrations, models

# Three steps, so PostgreSQL never alters a table in the transaction that filled it:
# add the link to needs.OutcomeArea (0002), fill it from the codes (0003), drop the codes (0004).


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0002_every_child_matters_outcomes"),
        ("providers", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="serviceoutcome", name="one_service_outcome_each"),
        migrations.AddField(
            model_name="serviceoutcome",
            name="outcome_area",
            field=models.ForeignKey(
                null=True,
                limit_choices_to={"trust__isnull": True},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="service_rows",
                to="needs.outcomearea",
            ),
        ),
    ]
