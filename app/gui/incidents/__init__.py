"""Incidents: the list page, its lazy model, the editor and its tabs (form, steps, links)."""
