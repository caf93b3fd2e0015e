"""Report: the periodic summary reports written from stored data.

A Jinja2 template (words only) is rendered against a ReportContext built from ``compute`` into
Markdown; HTML, DOCX and PDF are derived from that Markdown (PDF from the HTML). Every number
passes through the Vietnamese format filters of ``dxmon.numbers``.
"""
