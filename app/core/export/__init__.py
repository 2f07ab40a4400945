"""Dossier export: assembly (assemble.py), one module per PDF template (un.py,
platform_report.py, lawyer.py), text shaping (textflow.py), manifest and signing, verification,
sealing for a lawyer (seal.py) and JSON/CSV (tabular.py). Entry point: dossier.export."""
