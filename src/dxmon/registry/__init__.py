"""Registry of agencies: ministries, government agencies and provinces, with their history.

Owns the agency list in force on any date (63 provinces before 1 July 2025, 34 after; 22
ministries and ministerial-level agencies before 1 March 2025, 17 after), the successor links
of the 2025 restructuring, blocks and kinds, and the resolver that turns any name as written in a
report into an agency code.
"""
