import django.db.models.deletion
from django.db import migrations, models

# As providers 0002–0004: add the link to needs.OutcomeArea (0003), fill it from the codes (0004), drop the codes (0005).


class Migration(migrations.Migration):
    dependencies = [
        ("capacity", "0004_state_labels_read_as_words"),
        ("needs", "0002_every_child_matters_outcomes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="listingoutcome", name="one_listing_outcome_each"),
        migrations.AddField(
            model_name="listingoutcome",
            name="outcome_area",
            field=models.ForeignKey(
                null=True,
                limit_choices_to={"trust__isnull": True},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="listing_rows",
                to="needs.outcomearea",
            ),
        ),
    ]
