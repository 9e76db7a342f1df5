"""One open assessment: the answers on screen and the file they live in.

Every change goes through here and is written to the assessment file at once
(atomically: temporary file, fsync, rename). A change that cannot be saved is not
applied, so the screen never shows an answer the file does not hold. Nothing that should
not be overwritten is: a file without a write bit (even for root) or that the user may
not write opens read-only, so does a file another cxassess has open (see :mod:`.lock`),
and a change another program made to the file since the last save stops saving instead
of being overwritten. ``problem`` says which of these holds. No textual import; no
scoring (results come from :func:`cxassess.pipeline.evaluate`).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .. import pipeline
from ..files import check_writable, read_bytes, reason, stat_or_none
from ..loading import (InputError, atomic_write_bytes, dumps_answer, dumps_assessment,
                       dumps_respondent, format_validation_error)
from ..models import Answer, Assessment, Organisation, Question, Questionnaire, Respondent
from ..plugins import Plugins
from .lock import AssessmentLock, Holder

#: why the file is not written (``Session.problem``); all but "save" make it read-only
READ_ONLY = ("mode", "access", "folder", "locked", "changed")


def is_done(answer: Answer | None) -> bool:
    """Answered for the questionnaire's purposes: a level, or n/a."""
    return answer is not None and (answer.level is not None or answer.not_applicable)


def _empty(answer: Answer) -> bool:
    return (answer.level is None and not answer.not_applicable and answer.importance is None
            and not answer.note)


def target_problem(path: Path) -> str | None:
    """What is in the way of writing a new file at ``path`` (an assessment to create, a
    workbook to export): "exists" (something is there already), "folder" (its folder is
    not one) or None. A path that cannot be looked at (too long, in a folder this user
    may not enter …) raises InputError."""
    if stat_or_none(path) is not None:
        return "exists"
    folder = stat_or_none(path.parent if str(path.parent) else Path("."))
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        return "folder"
    return None


def read_only_reason(path: Path) -> str | None:
    """Why ``path`` must not be replaced (the core's :func:`cxassess.files.check_writable`
    decides), as a word the screen can say in either language: "mode" (no write bit, as
    editors treat it, even for root), "access" (the user may not write it), "folder"
    (nothing can be saved in its folder), or None."""
    try:
        check_writable(path)
        return None
    except InputError:
        pass
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "folder"
    if not mode & 0o222:
        return "mode"
    return "access" if not os.access(path, os.W_OK) else "folder"


def write_error(exc: InputError) -> str:
    """Why a save failed, as the system said it: the name of its error ("ENOSPC") when the
    screen has words for it in both languages (the labels ``os_ENOSPC`` …), else the
    reason in English words."""
    cause = exc.__cause__ or exc.__context__  # the OSError behind the message
    if isinstance(cause, OSError) and cause.errno in WRITE_ERRORS:
        return errno.errorcode[cause.errno]
    return reason(cause) if isinstance(cause, OSError) else str(exc)


WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG}
"""The system's errors a save can meet that the screen says in words of its own."""


class FileProblem(InputError):
    """The change was not saved; ``Session.problem`` says why."""


@dataclass
class Session:
    path: Path
    assessment: Assessment
    questionnaire: Questionnaire
    plugins: Plugins
    load_warnings: list[str] = field(default_factory=list)
    respondent: int = 0
    problem: str | None = None  # see READ_ONLY; "save": the last save failed
    save_reason: str = ""  # with problem "save": a read_only_reason, or "write"
    save_error: str = ""  # with save_reason "write": the system's reason (see write_error)
    holder: Holder | None = None  # with problem "locked": who holds the file
    _lock: AssessmentLock | None = field(default=None, repr=False)
    # the file as last read or written: its mtime, size and bytes (a save compares the
    # bytes only when the mtime or size changed)
    _disk: tuple[int, int, bytes] | None = field(default=None, repr=False)
    # each respondent's block of the file, as last written: a save re-serialises only the
    # respondent that changed (kept by identity; answers are immutable models)
    _blocks: dict[int, tuple[Respondent, str]] = field(default_factory=dict, repr=False)
    # the line each question's answer was last written as (an answer is re-serialised
    # only when it changed)
    _lines: dict[str, tuple[Answer, str]] = field(default_factory=dict, repr=False)
    _done: dict[int, tuple[Respondent, int]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, plugins: Plugins) -> "Session":
        """Load an existing assessment (raises InputError, and never writes the file)."""
        # the file as it is before loading: a change another program makes while it is
        # loaded is then told from it at the first save, never overwritten
        disk = stat_or_none(path)
        payload = read_bytes(path)
        loaded = pipeline.load(Path(path), plugins)
        session = cls(loaded.path, loaded.assessment, loaded.questionnaire, plugins,
                      list(loaded.warnings))
        session.respondent = session.first_open_respondent()
        session._take(payload, disk)
        return session

    def _take(self, payload: bytes, disk: os.stat_result | None = None) -> None:
        """Become the file's writer, unless it is read-only or another app has it;
        ``disk`` is the file's stat when ``payload`` was read (default: now)."""
        self._remember_disk(payload, disk)
        self.problem = read_only_reason(self.path)
        if self.problem is None:
            self._lock = AssessmentLock(self.path)
            holder = self._lock.acquire()
            if holder is not None:
                self.problem, self.holder = "locked", holder

    def close(self) -> None:
        """Let go of the file (another app may then write it)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @classmethod
    def create(cls, path: Path, plugins: Plugins, *, questionnaire: Questionnaire,
               questionnaire_ref: str, language: str, organisation: str, sector: str,
               respondents: list[tuple[str, str]], warnings: list[str] | None = None,
               assessor: str = "", date: str = "") -> "Session":
        """Write a new assessment file; an existing file is never overwritten."""
        path = Path(path)
        if path.exists():
            raise InputError(f"{path}: already exists; not overwritten")
        try:
            assessment = Assessment(
                questionnaire=questionnaire_ref, language=language,
                organisation=Organisation(name=organisation.strip(), sector=sector.strip(),
                                          assessor=assessor.strip(), date=date.strip()),
                respondents=[Respondent(name=n.strip(), department=d.strip())
                             for n, d in respondents],
            )
        except ValidationError as exc:
            raise InputError(format_validation_error(exc, {})) from None
        payload = dumps_assessment(assessment, questionnaire.question_ids).encode("utf-8")
        atomic_write_bytes(path, payload)
        session = cls(path, assessment, questionnaire, plugins, list(warnings or []))
        session._take(payload)
        return session

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

    @property
    def writable(self) -> bool:
        return self.problem not in READ_ONLY

    def progress(self, respondent: int | None = None) -> tuple[int, int]:
        done = sum(is_done(self.answer(q.id, respondent)) for q in self.questions)
        return done, len(self.questions)

    def progress_all(self) -> tuple[int, int]:
        """Questions answered over all respondents, and how many there are (counted
        again only for the respondent that changed)."""
        ids = self.questionnaire.question_ids
        counts: dict[int, tuple[Respondent, int]] = {}
        for r in self.respondents:
            hit = self._done.get(id(r))
            done = hit[1] if hit is not None and hit[0] is r \
                else sum(is_done(r.answers.get(qid)) for qid in ids)
            counts[id(r)] = (r, done)
        self._done = counts
        return sum(done for _, done in counts.values()), len(ids) * len(self.respondents)

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

    def _dumps(self, assessment: Assessment) -> bytes:
        blocks: dict[int, tuple[Respondent, str]] = {}

        def block(respondent: Respondent, rank: dict[str, int]) -> str:
            hit = self._blocks.get(id(respondent))
            text = hit[1] if hit is not None and hit[0] is respondent \
                else dumps_respondent(respondent, rank, line=self._line)
            blocks[id(respondent)] = (respondent, text)
            return text

        payload = dumps_assessment(assessment, self.questionnaire.question_ids, block=block)
        self._blocks = blocks
        return payload.encode("utf-8")

    def _line(self, question_id: str, answer: Answer) -> str:
        """An answer's line of the file: the one last written for the question when the
        answer is the same (unchanged) one."""
        hit = self._lines.get(question_id)
        if hit is not None and hit[0] is answer:
            return hit[1]
        text = dumps_answer(question_id, answer)
        self._lines[question_id] = (answer, text)
        return text

    def prepare_saving(self) -> None:
        """Write every respondent's block in memory now (the file just opened), so the
        first change is saved as quickly as the next ones."""
        if self.writable and not self._blocks:
            self._dumps(self.assessment)

    def _remember_disk(self, payload: bytes, st: os.stat_result | None = None) -> None:
        st = st or os.stat(self.path)
        self._disk = (st.st_mtime_ns, st.st_size, payload)

    def _check_disk(self) -> None:
        """Raise FileProblem when the file may not be replaced (any more)."""
        if not self.writable:
            raise FileProblem(f"{self.path}: not saved ({self.problem})")
        try:  # first: is it still the file last saved? (it may be anything now)
            st = os.stat(self.path)
            if not stat.S_ISREG(st.st_mode):
                raise FileNotFoundError  # a folder, a FIFO … put in its place
            if self._disk is not None and (st.st_mtime_ns, st.st_size) != self._disk[:2]:
                payload = read_bytes(self.path)
                if payload != self._disk[2]:
                    raise FileNotFoundError
                self._disk = (st.st_mtime_ns, st.st_size, payload)
        except (OSError, InputError):  # changed, or gone: another program has been at it
            self.problem = "changed"
            raise FileProblem(f"{self.path}: changed by another program; not saved") from None
        reason = read_only_reason(self.path)
        if reason is not None:
            self.problem = reason
            raise FileProblem(f"{self.path}: not saved ({reason})")

    def _commit(self, assessment: Assessment) -> None:
        """Save ``assessment`` and make it the current one; on failure raise
        (InputError), change nothing, and say why in ``problem``."""
        self._check_disk()
        payload = self._dumps(assessment)
        try:
            atomic_write_bytes(self.path, payload)
        except InputError as exc:
            self.problem = "save"
            self.save_reason = read_only_reason(self.path) or "write"
            self.save_error = write_error(exc)
            raise
        self._remember_disk(payload)
        self.assessment = assessment
        if self.problem == "save":
            self.problem = None

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
        self._commit(self.assessment)

    # ------------------------------------------------------------------ results

    def loaded(self) -> pipeline.Loaded:
        return pipeline.Loaded(self.path, self.assessment, self.questionnaire,
                               list(self.load_warnings))

    def evaluate(self) -> pipeline.Result:
        """Scores and roadmap from the core, for the answers as saved, and what moved
        since the ``previous`` assessment when the file names one."""
        return pipeline.with_previous(pipeline.evaluate(self.loaded(), self.plugins),
                                      self.plugins)
