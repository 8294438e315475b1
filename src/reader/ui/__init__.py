"""Widgets: they display and dispatch; the work is done by Qt-free modules."""
