from django.db import migrations

# The five outcomes of Every Child Matters (Children Act 2004), shared by every trust.
OUTCOMES = [
    ("be-healthy", "Be healthy", "Physical, mental, emotional and sexual health; healthy lifestyles."),
    ("stay-safe", "Stay safe", "Safe from maltreatment, neglect, violence, exploitation, accidents, bullying and crime; stability and care."),
    ("enjoy-and-achieve", "Enjoy and achieve", "Ready for school, attending and enjoying it, achieving stretching standards; recreation."),
    (
        "make-a-positive-contribution",
        "Make a positive contribution",
        "Taking part in decisions and the community; positive behaviour; self-confidence; coping with change.",
    ),
    (
        "achieve-economic-well-being",
        "Achieve economic well-being",
        "Further education, employment or training; decent homes; freedom from low income.",
    ),
]


def add_outcomes(apps, schema_editor):
    OutcomeArea = apps.get_model("needs", "OutcomeArea")
    for order, (slug, name, description) in enumerate(OUTCOMES, start=1):
        OutcomeArea.objects.get_or_create(slug=slug, trust=None, defaults={"name": name, "description": description, "order": order})


def remove_outcomes(apps, schema_editor):
    OutcomeArea = apps.get_model("needs", "OutcomeArea")
    OutcomeArea.objects.filter(trust=None, slug__in=[slug for slug, _, _ in OUTCOMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    operations = [migrations.RunPython(add_outcomes, remove_outcomes)]
