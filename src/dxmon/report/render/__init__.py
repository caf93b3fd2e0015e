"""Renderers: Markdown → HTML, DOCX and PDF, registered in ``FORMATS``."""
