"""The grant types the portal starts with; staff add or rename them in the administration."""

GRANT_TYPES = [
    ("activity", "Toiminta-avustus", "Verksamhetsbidrag", "Activity grant", False),
    (
        "project",
        "Hanke- tai kohdeavustus",
        "Projekt- eller riktat bidrag",
        "Project or targeted grant",
        False,
    ),
    (
        "partnership",
        "Monivuotinen kumppanuusavustus",
        "Flerårigt partnerskapsbidrag",
        "Multi-year partnership grant",
        True,
    ),
    ("one-off", "Kerta-avustus", "Engångsbidrag", "One-off grant", False),
]
