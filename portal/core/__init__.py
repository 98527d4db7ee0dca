"""The site's shared base: the base page and its mixins, the shared blocks, the site settings
(navigation, footer, contact), the home, content and news pages, and the chrome around every
page. Domain apps (guides, partners, search) import it; it imports none of them.

Its app label stays "portal", the label these models had before the project and the core were
split (issue 15): their tables, content types, permissions and migrations keep their names.
"""
