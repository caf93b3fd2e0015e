"""The report checker: reads a report's text, finds the figures and what they claim, and
lists every claim that does not add up (fraction vs percent, change vs baseline, parts vs
total, count vs the names listed, notation, impossible periods, headings numbered twice).

``service.check_text`` is the entry point; each rule lives in its own module and yields
``Finding`` objects located by line and column.
"""
