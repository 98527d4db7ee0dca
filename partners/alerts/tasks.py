"""Background tasks of the alerts (django-tasks, as partners/tasks.py)."""

from django_tasks import task

from partners.alerts import services


@task()
def send_search_alerts():
    """Returns the counts, so the task's result shows what was sent."""
    counts = services.send_search_alerts()
    return {"due": counts.due, "sent": counts.sent, "failed": counts.failed}


@task()
def purge_saved_searches():
    """Returns how many unconfirmed saved searches were deleted."""
    return services.purge_unconfirmed()
