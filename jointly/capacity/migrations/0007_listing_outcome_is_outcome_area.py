import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("capacity", "0006_listing_outcomes_to_outcome_areas")]

    operations = [
        # A default first, so that going back can put the column again on a table with rows (0003 then fills it).
        migrations.AlterField(model_name="listingoutcome", name="outcome", field=models.CharField(default="", max_length=40)),
        migrations.RemoveField(model_name="listingoutcome", name="outcome"),
        migrations.RenameField(model_name="listingoutcome", old_name="outcome_area", new_name="outcome"),
        migrations.AlterField(
            model_name="listingoutcome",
            name="outcome",
            field=models.ForeignKey(
                limit_choices_to={"trust__isnull": True},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="listing_rows",
                to="needs.outcomearea",
            ),
        ),
        migrations.AddConstraint(
            model_name="listingoutcome",
            constraint=models.UniqueConstraint(fields=("listing", "outcome"), name="one_listing_outcome_each"),
        ),
    ]
