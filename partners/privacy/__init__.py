"""Data-subject requests: find, export and erase a person's data (personal_data.py), and the
admin page that does it (views.py)."""
