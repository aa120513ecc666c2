"""The names of the schema's migration steps, in order, readable without sqlite-utils.

``schema.py`` defines the steps and checks at import that this list matches them, so a step
added there without a line here fails every test at once.
"""

MIGRATION_SET = "service-recovery-simulator"
STEPS = (
    "m001_initial",
    "m002_session_scores",
    "m003_decision_missed",
    "m004_xapi_outbox",
    "m005_cohort_pass_rate",
    "m006_scenario_channel",
    "m007_decision_typed",
    "m008_assessment_apart",
    "m009_library_versions",
)
