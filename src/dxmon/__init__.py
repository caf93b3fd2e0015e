"""dxmon: monitoring and reporting for Vietnam's national digital-transformation programme.

dxmon holds every fact at its finest grain (per agency, period, task, dossier), computes every
figure and writes the periodic summary reports, so that no figure, fraction, footnote or chart can
disagree, and every figure traces back to its source.
"""

__version__ = "0.1.0"
