"""Background tasks of the partners app (django-tasks).

`purge_registrations` deletes what the privacy notice says we do not keep. Run it daily: from
cron with `manage.py purge_registrations`, or enqueue this task from a scheduler so that a
`manage.py db_worker` runs it (docs/registration.md).
"""

from django_tasks import task

from partners.registration import services


@task()
def purge_registrations():
    """Returns the counts, so the task's result shows what was deleted."""
    return services.purge_registrations()
