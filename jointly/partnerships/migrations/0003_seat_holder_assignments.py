"""Every seat filled before assignments existed gets its holder's SEAT_HOLDER assignment.

Report-backs are allowed by that assignment now, so without it today's holders
would lose the right to report back. Run once; reversing removes only the
assignments this made.
"""

from django.db import migrations

NOTE = "Held when assignments began"


def add_holder_assignments(apps, schema_editor):
    Seat = apps.get_model("partnerships", "Seat")
    Assignment = apps.get_model("accounts", "Assignment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    seat_type, _ = ContentType.objects.get_or_create(app_label="partnerships", model="seat")
    held = set(Assignment.objects.filter(content_type=seat_type, kind="seat_holder", ended_at__isnull=True).values_list("object_id", "person_id"))
    Assignment.objects.bulk_create(
        [
            Assignment(person_id=seat.holder_id, kind="seat_holder", content_type=seat_type, object_id=str(seat.pk), note=NOTE)
            for seat in Seat.objects.filter(status="filled", holder__isnull=False).only("pk", "holder_id")
            if (str(seat.pk), seat.holder_id) not in held
        ]
    )


def remove_holder_assignments(apps, schema_editor):
    Assignment = apps.get_model("accounts", "Assignment")
    Assignment.objects.filter(kind="seat_holder", note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_seat_term_due_index"),
        ("accounts", "0004_assignment"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_holder_assignments, remove_holder_assignments)]
