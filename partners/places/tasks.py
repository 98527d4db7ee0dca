"""Background tasks of the places app (django-tasks, as partners/tasks.py); the work they run is
in jobs.py."""

from django_tasks import task

from partners.places import jobs


@task()
def remind_places():
    """Returns the counts, so the task's result shows who was reminded."""
    return jobs.send_reminders()


@task()
def send_place_request(request_id, base_url=None):
    """Mail a school's request to its recipients; returns how many were mailed."""
    return jobs.send_place_request(request_id, base_url)


@task()
def purge_place_requests():
    """Returns how many requests were deleted."""
    return jobs.purge_place_requests()
