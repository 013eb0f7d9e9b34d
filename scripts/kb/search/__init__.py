"""The site's search: a sharded index written before the build, read by ``search.js``.

:mod:`kb.search.normalize` holds the rules shared with the browser,
:mod:`kb.search.units` cuts each document into what a result links to (the
document itself and each of its articles or sections), and
:mod:`kb.search.build` writes the index files.
"""
