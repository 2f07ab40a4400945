"""Overviews across incidents: timeline, actors, people, platform reports, threat assessment."""
