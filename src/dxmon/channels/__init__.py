"""Channels for the facts that are not indicator values: requirement statuses, plans and
tasks, task status updates (reported → approved), legal documents and evaluation score sheets.

Every channel reads rows of named cells (a file's rows, an API body's ``rows``, a page's form),
validates each (row, field, reason in Vietnamese and English), and stores all of them as
revisions or none; a fact equal to the current one adds nothing, and each change is audited in
the same transaction. The API, the staff pages and ``dxmon import`` call :mod:`.service`.
"""
