"""Drills of election day on a drill election: a trainer's drill for one station team, or
``shora simulate`` for a whole county; each run measured, scored and kept as a DrillRun."""
