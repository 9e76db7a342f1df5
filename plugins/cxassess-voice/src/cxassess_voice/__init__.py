"""cxassess-voice: the voice of the customer, scored from NPS and CSAT survey exports.

A cxassess plugin (entry point ``voice`` in the ``cxassess`` group) that adds the
dimension ``voice``. It reads the survey exports the assessment names in its
``[inputs]`` table, paths relative to the assessment file::

    [inputs]
    nps = "surveys/nps.csv"      # 0–10: how likely are you to recommend us?
    csat = "surveys/csat.csv"    # 1–5: how satisfied are you with the service today?
    # nps_column = "score"       # the answer column, if it is not called "score"
    # csat_column = "score"

**Score** (0..100): NPS (−100..100) maps linearly onto 0..100 as (NPS + 100) / 2, so
NPS 0 scores 50; CSAT (the % of answers that are 4 or 5 on 1–5) is its own score. With
both, the score is their mean; with one, that one. With neither, the score is ``None``
and the finding says which inputs to add. ``coverage`` is the share of the two surveys
given (``answered`` of ``total`` = 2).

**Roadmap**: NPS below 20 (the relationship) adds an Understand initiative for phase 1:
close the loop with detractors. CSAT below 75 % (the service) adds a Fix initiative:
phase 1 when below 50 %, else phase 2. Priority = 3 × (100 − that survey's score), as for a weight-3
question.

A survey file that cannot be read (not found, empty, no answer column, a value that is
not a whole number on its scale) raises :class:`SurveyError` naming the file and the
line; cxassess shows it as this plugin's warning and the other scorers carry on.
"""

from __future__ import annotations

from pathlib import Path

from cxassess import hookimpl
from cxassess.errors import InputError
from cxassess.report import Report, ScoreResult
from cxassess.scoring import ScorerContext

from .surveys import CSAT, CSAT_SCALE, DEFAULT_COLUMN, NPS, NPS_SCALE, Survey, SurveyError, \
    csat, nps, read_survey

__version__ = "0.1.0"
__all__ = ["DIMENSION", "LABEL", "SurveyError", "Surveys", "read_inputs", "score",
           "initiatives", "cxassess_register_scorers", "cxassess_roadmap_initiatives"]

DIMENSION = "voice"
LABEL = {"en": "Voice of the customer", "da": "Kundens stemme"}

NPS_LOW = 20.0
"""Below this NPS the relationship needs work (an Understand initiative)."""
CSAT_LOW = 75.0
"""Below this share of satisfied answers (%) the service needs fixing (a Fix initiative)."""
CSAT_URGENT = 50.0
"""Below this share the service fix asks for phase 1."""
FEW_RESPONSES = 30
"""Fewer responses than this make a figure an indication, and the findings say so."""
PRIORITY_WEIGHT = 3.0
"""An initiative's priority is this weight × (100 − the survey's score on 0..100)."""

TEXTS = {
    "en": {
        "none": "No survey data: add nps = \"surveys/nps.csv\" and csat = \"surveys/csat.csv\" "
                "to the assessment's [inputs] table (CSV exports with a 'score' column, paths "
                "relative to the assessment file) to score the voice of the customer.",
        "no_nps": "No NPS data: add nps = \"surveys/nps.csv\" to the assessment's [inputs] "
                  "table to measure the relationship as well as the service.",
        "no_csat": "No CSAT data: add csat = \"surveys/csat.csv\" to the assessment's [inputs] "
                   "table to measure the service as well as the relationship.",
        "summary": "The voice of the customer scores {score:.0f}/100, from {sources}.",
        "both": "NPS and CSAT",
        "nps": "NPS is {value:+.0f} from {n} responses: {p:.0f}% promoters (9–10), "
               "{pa:.0f}% passives (7–8), {d:.0f}% detractors (0–6).",
        "csat": "CSAT is {value:.0f}% satisfied (4 or 5 on the 1–5 scale) from {n} responses.",
        "period": " The responses run from {first} to {last}.",
        "nps_bad": "More customers would warn others against you than recommend you: "
                   "the relationship is at risk.",
        "nps_weak": "Promoters barely outweigh detractors: the relationship is fragile.",
        "nps_ok": "Promoters clearly outnumber detractors: the relationship is sound.",
        "nps_good": "Customers recommend you: the relationship is a strength.",
        "csat_low": "{unsatisfied:.0f}% leave an interaction without being satisfied. Nearly 75% "
                    "of customers who stop buying from a brand do so because of the service, "
                    "so this is where to fix first.",
        "csat_ok": "Most interactions satisfy; find the touchpoints that pull CSAT down.",
        "csat_good": "Interactions satisfy customers: the service is a strength.",
        "few": "Only {n} {survey} responses: read the figure as an indication, not a measurement.",
        "blank": "{n} line(s) in {file} had no answer and were left out.",
        "nps_title": "Close the loop with detractors: call back customers who would not "
                     "recommend you and map where their journey broke",
        "nps_why": "NPS is {value:+.0f} from {n} responses ({d:.0f}% detractors), below the "
                   "{low:.0f} a sound customer relationship needs.",
        "csat_title": "Fix the interactions customers leave dissatisfied: equip frontline staff "
                      "with the authority to solve the problem at first contact",
        "csat_why": "Only {value:.0f}% of {n} customers were satisfied with the service, below "
                    "the {low:.0f}% to aim for.",
    },
    "da": {
        "none": "Ingen måledata fra kunderne: tilføj nps = \"surveys/nps.csv\" og "
                "csat = \"surveys/csat.csv\" i vurderingens [inputs]-tabel (CSV-eksporter med "
                "en kolonne 'score', stier i forhold til vurderingsfilen) for at score "
                "kundens stemme.",
        "no_nps": "Ingen NPS-data: tilføj nps = \"surveys/nps.csv\" i vurderingens "
                  "[inputs]-tabel for at måle relationen og ikke kun servicen.",
        "no_csat": "Ingen CSAT-data: tilføj csat = \"surveys/csat.csv\" i vurderingens "
                   "[inputs]-tabel for at måle servicen og ikke kun relationen.",
        "summary": "Kundens stemme scorer {score:.0f}/100 ud fra {sources}.",
        "both": "NPS og CSAT",
        "nps": "NPS er {value:+.0f} ud fra {n} besvarelser: {p:.0f} % ambassadører (9–10), "
               "{pa:.0f} % passive (7–8) og {d:.0f} % kritikere (0–6).",
        "csat": "CSAT er {value:.0f} % tilfredse (4 eller 5 på skalaen 1–5) ud fra {n} "
                "besvarelser.",
        "period": " Besvarelserne er fra {first} til {last}.",
        "nps_bad": "Flere kunder vil fraråde andre at handle hos jer end anbefale jer: "
                   "relationen er i fare.",
        "nps_weak": "Ambassadørerne vejer kun lige akkurat tungere end kritikerne: relationen "
                    "er skrøbelig.",
        "nps_ok": "Ambassadørerne er klart flere end kritikerne: relationen er sund.",
        "nps_good": "Kunderne anbefaler jer: relationen er en styrke.",
        "csat_low": "{unsatisfied:.0f} % går fra en henvendelse uden at være tilfredse. Næsten "
                    "75 % af de kunder, der holder op med at købe hos et brand, gør det på grund "
                    "af servicen, så det er her, I skal fixe først.",
        "csat_ok": "De fleste henvendelser giver tilfredse kunder; find de kontaktpunkter, der "
                   "trækker CSAT ned.",
        "csat_good": "Henvendelserne giver tilfredse kunder: servicen er en styrke.",
        "few": "Kun {n} besvarelser i {survey}: læs tallet som en indikation, ikke en måling.",
        "blank": "{n} linje(r) i {file} havde intet svar og er udeladt.",
        "nps_title": "Luk sløjfen med kritikerne: ring tilbage til de kunder, der ikke vil "
                     "anbefale jer, og kortlæg, hvor rejsen knækkede",
        "nps_why": "NPS er {value:+.0f} ud fra {n} besvarelser ({d:.0f} % kritikere) og dermed "
                   "under de {low:.0f}, en sund kunderelation kræver.",
        "csat_title": "Fix de henvendelser, kunderne går utilfredse fra: giv frontmedarbejderne "
                      "beføjelser til at løse problemet ved første kontakt",
        "csat_why": "Kun {value:.0f} % af {n} kunder var tilfredse med servicen, under de "
                    "{low:.0f} %, I bør sigte efter.",
    },
}


def _t(context: ScorerContext, key: str, **values: object) -> str:
    return TEXTS["da" if context.language == "da" else "en"][key].format(**values)


class Surveys:
    """The surveys an assessment names, read and computed (``None`` when not given)."""

    def __init__(self, nps_survey: Survey | None, csat_survey: Survey | None) -> None:
        self.nps_survey = nps_survey
        self.csat_survey = csat_survey
        self.nps: NPS | None = nps(nps_survey.scores) if nps_survey else None
        self.csat: CSAT | None = csat(csat_survey.scores) if csat_survey else None

    @property
    def given(self) -> int:
        return (self.nps is not None) + (self.csat is not None)

    @property
    def score(self) -> float | None:
        parts = [m.score for m in (self.nps, self.csat) if m is not None]
        return round(sum(parts) / len(parts), 1) if parts else None


def read_inputs(context: ScorerContext) -> Surveys:
    """Read the ``nps`` and ``csat`` inputs. Every unreadable file is named in one
    :class:`SurveyError`."""
    found: dict[str, Survey | None] = {}
    errors: list[str] = []
    for key, scale in (("nps", NPS_SCALE), ("csat", CSAT_SCALE)):
        path = context.input_path(key)
        found[key] = None
        if path is None:
            continue
        column = context.assessment.inputs.get(f"{key}_column") or DEFAULT_COLUMN
        try:
            # cxassess's bounded reader: a regular file of at most 64 MB, never a device
            # or FIFO, or one line naming the file and the key
            raw = context.read_input(key)
            found[key] = read_survey(path, scale, survey=key.upper(), column=column, raw=raw)
        except (SurveyError, InputError) as exc:
            errors.append(str(exc))
    if errors:
        raise SurveyError("; ".join(errors))
    return Surveys(found["nps"], found["csat"])


def _period(context: ScorerContext, survey: Survey) -> str:
    if survey.first_date and survey.last_date:
        return _t(context, "period", first=survey.first_date, last=survey.last_date)
    return ""


def score(context: ScorerContext) -> ScoreResult:
    """The ``voice`` scorer."""
    surveys = read_inputs(context)
    if surveys.given == 0:
        return ScoreResult(score=None, coverage=0.0, answered=0, total=2,
                           findings=[_t(context, "none")])
    m, c = surveys.nps, surveys.csat
    sources = _t(context, "both") if m and c else ("NPS" if m else "CSAT")
    findings = [_t(context, "summary", score=surveys.score, sources=sources)]
    if m is not None and surveys.nps_survey is not None:
        findings.append(_t(context, "nps", value=m.value, n=m.responses, p=m.share(m.promoters),
                           pa=m.share(m.passives), d=m.share(m.detractors))
                        + _period(context, surveys.nps_survey))
        key = ("nps_bad" if m.value < 0 else "nps_weak" if m.value < NPS_LOW
               else "nps_ok" if m.value < 50 else "nps_good")
        findings.append(_t(context, key))
    if c is not None and surveys.csat_survey is not None:
        findings.append(_t(context, "csat", value=c.value, n=c.responses)
                        + _period(context, surveys.csat_survey))
        if c.value < CSAT_LOW:
            findings.append(_t(context, "csat_low", unsatisfied=100 - c.value))
        else:
            findings.append(_t(context, "csat_ok" if c.value < 90 else "csat_good"))
    for name, survey in (("NPS", surveys.nps_survey), ("CSAT", surveys.csat_survey)):
        if survey is None:
            continue
        if survey.responses < FEW_RESPONSES:
            findings.append(_t(context, "few", n=survey.responses, survey=name))
        if survey.blank:
            findings.append(_t(context, "blank", n=survey.blank, file=Path(survey.path).name))
    if m is None:
        findings.append(_t(context, "no_nps"))
    if c is None:
        findings.append(_t(context, "no_csat"))
    return ScoreResult(score=surveys.score, coverage=surveys.given / 2, answered=surveys.given,
                       total=2, findings=findings)


def initiatives(context: ScorerContext, surveys: Surveys) -> list[dict]:
    """The roadmap initiatives the survey figures call for."""
    out = []
    m, c = surveys.nps, surveys.csat
    if m is not None and m.value < NPS_LOW:
        out.append({
            "id": "voice-nps-detractors",
            "title": _t(context, "nps_title"),
            "stage": "understand",
            "dimension": DIMENSION,
            "priority": round(PRIORITY_WEIGHT * (100 - m.score), 1),
            "phase": 1,
            "rationale": _t(context, "nps_why", value=m.value, n=m.responses,
                            d=m.share(m.detractors), low=NPS_LOW),
        })
    if c is not None and c.value < CSAT_LOW:
        out.append({
            "id": "voice-csat-service",
            "title": _t(context, "csat_title"),
            "stage": "fix",
            "dimension": DIMENSION,
            "priority": round(PRIORITY_WEIGHT * (100 - c.score), 1),
            "phase": 1 if c.value < CSAT_URGENT else 2,
            "rationale": _t(context, "csat_why", value=c.value, n=c.responses, low=CSAT_LOW),
        })
    return out


@hookimpl
def cxassess_register_scorers(register):
    register(DIMENSION, score, label=LABEL,
             description="NPS (relationship) and CSAT (service) from survey exports")


@hookimpl
def cxassess_roadmap_initiatives(context: ScorerContext, report: Report):
    voice = report.dimension(DIMENSION)
    if voice is None or voice.score is None:
        return []  # not scored, or the scorer failed (already reported as its warning)
    try:
        surveys = read_inputs(context)
    except SurveyError:
        return []
    return initiatives(context, surveys)
