"""What changed and when, from git: last-changed dates, changelogs, "Mới cập nhật" and feeds.

Git is the record of every publication (each merge to the main branch is one), so the
scripts read it before MkDocs runs and write plain files the site shows: nothing
git-derived is committed (it would change with every commit that records it).
"""
