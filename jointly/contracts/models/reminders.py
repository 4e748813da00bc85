"""Reminders the contracts stage has sent: one row per reminder, so the one job never sends one twice."""

from django.db import models

__all__ = ["Reminder"]


class Reminder(models.Model):
    """A reminder sent (returns due and overdue, contract end and notice dates, reviews, payments overdue).

    Not audited: it records an email, not a decision. `key` names the event and the step
    ("return:41:due-7"), unique, so a second run of the job, or a second runner, finds it sent.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    subject = models.CharField(max_length=300)
    sent_to = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
