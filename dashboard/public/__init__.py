"""The public pages on the dashboard's server: /destinations (students finding a partner) and /embed (the map
for the university's website). Neither shows a staff-only figure."""

from dashboard.public.mount import mount_public_pages

__all__ = ["mount_public_pages"]
