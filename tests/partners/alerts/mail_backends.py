"""A mail backend that delivers to Django's locmem outbox and fails on the Nth message it is
given in a test (FailsOnNth.attempts, reset by the fixture): a run of send_search_alerts
interrupted halfway."""

from django.core.mail.backends.locmem import EmailBackend


class Interrupted(BaseException):
    """What a killed process looks like to the code: not an Exception, nothing catches it."""


class FailsOnNth(EmailBackend):
    attempts = 0

    def __init__(self, *args, fail_on=2, crash=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fail_on = fail_on
        self.crash = crash

    def send_messages(self, messages):
        FailsOnNth.attempts += 1
        if FailsOnNth.attempts == self.fail_on:
            if self.crash:
                raise Interrupted(f"process stopped at message {FailsOnNth.attempts}")
            raise OSError(f"mail server refused message {FailsOnNth.attempts}")
        return super().send_messages(messages)
