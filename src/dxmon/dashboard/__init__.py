"""What the dashboard pages show: one documented ``XxxPage`` dataclass per page, built from
``compute``, ``catalog``, ``registry`` and ``collect`` services, with its figures already in
Vietnamese notation, and the offline SVG charts and province tile map drawn in Python.
No HTML here (``web/pages`` renders these) and no SQL (``collect`` and ``compute`` own it).
"""
