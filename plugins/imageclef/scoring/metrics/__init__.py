"""Metric families: the computations scorers are made of (one small module per family)."""
