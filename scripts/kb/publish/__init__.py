"""Publishing the built site: release artifact, atomic deploy and rollback, nginx, site checks.

A legal text must never be live half-updated, so nothing here changes what readers see
until a complete, verified copy of the new site sits beside the old one; the switch is
one atomic rename of a symlink, and the previous releases stay for an instant rollback.
"""
