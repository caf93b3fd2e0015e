"""Problem codes of the registry."""

AGENCY_UNKNOWN = "REGISTRY_AGENCY_UNKNOWN"
NAME_UNKNOWN = "REGISTRY_NAME_UNKNOWN"
DATA_INVALID = "REGISTRY_DATA_INVALID"
AGENCY_NOT_IN_FORCE = "REGISTRY_AGENCY_NOT_IN_FORCE"
"""A value for an agency that is not in force in its period (abolished, or not yet formed)."""
