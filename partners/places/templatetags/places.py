"""`{% places_summary partner as places %}`: a partner's places for a card or its page."""

from django import template

from partners.places.queries import summary_for

register = template.Library()


@register.simple_tag
def places_summary(partner):
    return summary_for(partner)
