from django.db import migrations, models

# Free outcome tags become outcome areas in three steps, so PostgreSQL never alters a table in the
# transaction that filled it: add the new fields (0002), move the tags (0003), drop the tags (0004).


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_deadline_indexes"),
        ("needs", "0002_every_child_matters_outcomes"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="outcome_areas",
            field=models.ManyToManyField(blank=True, related_name="consultations", to="needs.outcomearea"),
        ),
        migrations.AddField(
            model_name="consultation",
            name="other_themes",
            field=models.TextField(blank=True),
        ),
    ]
