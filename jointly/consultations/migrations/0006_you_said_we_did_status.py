"""'You said, we did' items get a state of their own (draft → published), so publishing one is a move."""

from django.db import migrations, models


def published_items_are_published(apps, schema_editor):
    YouSaidWeDid = apps.get_model("consultations", "YouSaidWeDid")
    YouSaidWeDid.objects.filter(published_on__isnull=False).update(status="published")


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_remove_consultation_outcome_tags"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="yousaidwedid",
            options={"ordering": ["order", "id"], "verbose_name": "'you said, we did' item"},
        ),
        migrations.AddField(
            model_name="yousaidwedid",
            name="status",
            field=models.CharField(choices=[("draft", "Not published yet"), ("published", "Published")], default="draft", max_length=20),
        ),
        migrations.RunPython(published_items_are_published, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consultation",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("open", "Open"), ("closed", "Closed"), ("reported", "Reported back")],
                default="draft",
                max_length=20,
            ),
        ),
    ]
