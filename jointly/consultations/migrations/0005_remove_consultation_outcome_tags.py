from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("consultations", "0004_outcome_tags_to_outcome_areas")]

    operations = [migrations.RemoveField(model_name="consultation", name="outcome_tags")]
