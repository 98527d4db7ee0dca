"""The places app's admin wiring: its entries in a partner's history."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

LOG_ACTIONS = (
    ("places.places.saved", _("Plaatsen opgeslagen"), _("De partner sloeg zijn plaatsen op")),
    (
        "places.places.confirmed",
        _("Plaatsen bevestigd"),
        _("De partner bevestigde zijn plaatsen voor dit schooljaar"),
    ),
    (
        "places.places.reminded",
        _("Herinnering plaatsen"),
        _("De partner kreeg een herinnering om zijn plaatsen te bevestigen"),
    ),
    ("places.request.posted", _("Aanvraag verstuurd"), _("De school verstuurde een aanvraag")),
    ("places.request.closed", _("Aanvraag gesloten"), _("De school sloot een aanvraag")),
)


@hooks.register("register_log_actions")
def register_places_log_actions(actions):
    for action, label, past_tense in LOG_ACTIONS:
        actions.register_action(action, label, past_tense)
