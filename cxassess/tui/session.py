"""One open assessment: the answers on screen and the file they live in.

Every change goes through here and is written to the assessment file at once with
:func:`cxassess.loading.save_assessment` (atomic). A change that cannot be saved is not
applied, so the screen never shows an answer the file does not hold. No textual import;
no scoring (results come from :func:`cxassess.pipeline.evaluate`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .. import pipeline
from ..loading import InputError, format_validation_error, save_assessment
from ..models import Answer, Assessment, Organisation, Question, Questionnaire, Respondent
from ..plugins import Plugins


def is_done(answer: Answer | None) -> bool:
    """Answered for the questionnaire's purposes: a level, or n/a."""
    return answer is not None and (answer.level is not None or answer.not_applicable)


def _empty(answer: Answer) -> bool:
    return (answer.level is None and not answer.not_applicable and answer.importance is None
            and not answer.note)


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
                           "ß": "ss"})


def slug(text: str) -> str:
    """A file-name friendly form of an organisation's name (æøå spelt out)."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "assessment"


def new_assessment_problem(path: Path) -> str | None:
    """Why an assessment cannot be created at ``path`` (None when it can)."""
    if path.exists():
        return "exists"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return "folder"
    return None


@dataclass
class Session:
    path: Path
    assessment: Assessment
    questionnaire: Questionnaire
    plugins: Plugins
    load_warnings: list[str] = field(default_factory=list)
    respondent: int = 0

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, plugins: Plugins) -> "Session":
        """Load an existing assessment (raises InputError, and never writes the file)."""
        loaded = pipeline.load(Path(path), plugins)
        session = cls(loaded.path, loaded.assessment, loaded.questionnaire, plugins,
                      list(loaded.warnings))
        session.respondent = session.first_open_respondent()
        return session

    @classmethod
    def create(cls, path: Path, plugins: Plugins, *, questionnaire: Questionnaire,
               questionnaire_ref: str, language: str, organisation: str, sector: str,
               respondents: list[tuple[str, str]], warnings: list[str] | None = None
               ) -> "Session":
        """Write a new assessment file; an existing file is never overwritten."""
        path = Path(path)
        if path.exists():
            raise InputError(f"{path}: already exists; not overwritten")
        try:
            assessment = Assessment(
                questionnaire=questionnaire_ref, language=language,
                organisation=Organisation(name=organisation.strip(), sector=sector.strip()),
                respondents=[Respondent(name=n.strip(), department=d.strip())
                             for n, d in respondents],
            )
        except ValidationError as exc:
            raise InputError(format_validation_error(exc, {})) from None
        save_assessment(assessment, path, questionnaire.question_ids)
        return cls(path, assessment, questionnaire, plugins, list(warnings or []))

    # ------------------------------------------------------------------ reading

    @property
    def language(self) -> str:
        return self.assessment.language

    @property
    def questions(self) -> list[Question]:
        return self.questionnaire.questions

    @property
    def respondents(self) -> list[Respondent]:
        return self.assessment.respondents

    @property
    def current(self) -> Respondent | None:
        if 0 <= self.respondent < len(self.assessment.respondents):
            return self.assessment.respondents[self.respondent]
        return None

    def answer(self, question_id: str, respondent: int | None = None) -> Answer | None:
        index = self.respondent if respondent is None else respondent
        if not 0 <= index < len(self.assessment.respondents):
            return None
        return self.assessment.respondents[index].answers.get(question_id)

    def progress(self, respondent: int | None = None) -> tuple[int, int]:
        done = sum(is_done(self.answer(q.id, respondent)) for q in self.questions)
        return done, len(self.questions)

    def first_open(self, respondent: int | None = None) -> int:
        """Index of the first question not yet answered (0 when all are)."""
        for i, q in enumerate(self.questions):
            if not is_done(self.answer(q.id, respondent)):
                return i
        return 0

    def first_open_respondent(self) -> int:
        """The first respondent with a question still unanswered (0 when all are done)."""
        for i in range(len(self.assessment.respondents)):
            done, total = self.progress(i)
            if done < total:
                return i
        return 0

    def next_open(self, after: int, respondent: int | None = None) -> int | None:
        """The next unanswered question after ``after`` (wrapping round), or None."""
        n = len(self.questions)
        for step in range(1, n + 1):
            i = (after + step) % n
            if not is_done(self.answer(self.questions[i].id, respondent)):
                return i
        return None

    def label(self, respondent: int | None = None) -> str:
        index = self.respondent if respondent is None else respondent
        r = self.assessment.respondents[index]
        return f"{r.name} ({r.department})" if r.department else r.name

    # ------------------------------------------------------------------ changing

    def _commit(self, assessment: Assessment) -> None:
        # raises InputError, and then nothing changes
        save_assessment(assessment, self.path, self.questionnaire.question_ids)
        self.assessment = assessment

    def _put(self, question_id: str, **changes: object) -> bool:
        """Change one answer of the current respondent and save. Returns whether
        anything changed."""
        respondent = self.current
        if respondent is None:
            raise InputError("there is no respondent to answer for")
        self.questionnaire.question(question_id)  # KeyError on a wrong id: our bug
        old = respondent.answers.get(question_id) or Answer()
        new = Answer.model_validate({**old.model_dump(), **changes})
        if new == old and question_id in respondent.answers:
            return False
        answers = dict(respondent.answers)
        if _empty(new):
            if question_id not in answers:
                return False
            del answers[question_id]
        else:
            answers[question_id] = new
        respondents = list(self.assessment.respondents)
        respondents[self.respondent] = respondent.model_copy(update={"answers": answers})
        self._commit(self.assessment.model_copy(update={"respondents": respondents}))
        return True

    def set_level(self, question_id: str, level: int) -> bool:
        return self._put(question_id, level=level, not_applicable=False)

    def set_not_applicable(self, question_id: str) -> bool:
        return self._put(question_id, level=None, not_applicable=True)

    def clear_level(self, question_id: str) -> bool:
        return self._put(question_id, level=None, not_applicable=False)

    def set_importance(self, question_id: str, importance: int | None) -> bool:
        return self._put(question_id, importance=importance)

    def set_note(self, question_id: str, note: str) -> bool:
        old = self.answer(question_id)
        if (old.note if old else "") == note:
            return False
        return self._put(question_id, note=note)

    def add_respondent(self, name: str, department: str = "") -> int:
        try:
            respondent = Respondent(name=name.strip(), department=department.strip())
        except ValidationError as exc:
            raise InputError(format_validation_error(exc, {})) from None
        self._commit(self.assessment.model_copy(
            update={"respondents": [*self.assessment.respondents, respondent]}))
        return len(self.assessment.respondents) - 1

    def save(self) -> None:
        save_assessment(self.assessment, self.path, self.questionnaire.question_ids)

    # ------------------------------------------------------------------ results

    def loaded(self) -> pipeline.Loaded:
        return pipeline.Loaded(self.path, self.assessment, self.questionnaire,
                               list(self.load_warnings))

    def evaluate(self) -> pipeline.Result:
        """Scores and roadmap from the core, for the answers as saved."""
        return pipeline.evaluate(self.loaded(), self.plugins)
