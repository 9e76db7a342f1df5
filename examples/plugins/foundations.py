"""Foundations: are Understand and Fix in place before anyone dreams of Seduce?"""

from cxassess import hookimpl
from cxassess.scoring import weighted_score

__version__ = "1.0"


def score(context):
    questions = context.questions(stage="understand") + context.questions(stage="fix")
    result = weighted_score(context, questions)  # score, coverage, answered, total
    if result.score is None:
        finding = {"en": "No Understand or Fix question is answered yet.",
                   "da": "Ingen spørgsmål om Forstå eller Fix er besvaret endnu."}
    elif result.score < 60:
        finding = {"en": f"The foundations score {result.score:.0f}/100: fix them before Seduce.",
                   "da": f"Fundamentet scorer {result.score:.0f}/100: byg det, før I går efter Forfør."}
    else:
        finding = {"en": f"The foundations hold ({result.score:.0f}/100).",
                   "da": f"Fundamentet holder ({result.score:.0f}/100)."}
    result.findings.append(finding["da" if context.language == "da" else "en"])
    return result


@hookimpl
def cxassess_register_scorers(register):
    register("foundations", score, label={"en": "Foundations", "da": "Fundament"})
