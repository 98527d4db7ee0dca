"""Background tasks of the places app (django-tasks, as partners/tasks.py)."""

from django_tasks import task

from partners.places import services


@task()
def remind_places():
    """Returns the counts, so the task's result shows who was reminded."""
    return services.send_reminders()
