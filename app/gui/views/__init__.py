"""The journal's overview screens (timeline, actors, platform reports, threat, people)
and their editors. Each view loads through `Session.call` and reloads on `Session.changed`."""
