"""Background tasks of the places app (django-tasks, as partners/tasks.py)."""

from django_tasks import task

from partners.places import services


@task()
def remind_places():
    """Returns the counts, so the task's result shows who was reminded."""
    return services.send_reminders()


@task()
def send_place_request(request_id, base_url=None):
    """Mail a school's request to its recipients; returns how many were mailed."""
    return services.send_place_request(request_id, base_url)


@task()
def purge_place_requests():
    """Returns how many requests were deleted."""
    return services.purge_place_requests()
