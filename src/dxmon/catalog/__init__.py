"""Catalogue: the versioned definitions dxmon measures against — indicators, targets,
requirements, plans and tasks, evaluations with grade thresholds, legal documents."""
