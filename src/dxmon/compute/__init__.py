"""Compute: every derived figure — rates from numerators and denominators, roll-ups as ratios of
sums, progress against targets, changes against a baseline, requirement and task tallies, grade
distributions. Reports, dashboards and the API ask here; nothing else computes a figure.
"""
