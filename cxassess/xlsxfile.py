""".xlsx files given to cxassess (returned forms for ``collect``, ``export --previous``)
opened within bounds, whatever their bytes.

An .xlsx file is a zip of XML parts. Its size on disk is bounded by
:func:`cxassess.files.read_bytes`; :func:`open_xlsx` bounds what it unpacks to before
anything is unpacked:

- at most :data:`MAX_PARTS` parts — counted from the zip's raw bytes, before the zip's
  directory is read into memory;
- at most :data:`MAX_UNPACKED_BYTES` unpacked, as the parts declare it (:mod:`zipfile`
  never unpacks a part beyond its declared size: a part that holds more is damaged, a
  ``Bad CRC-32``);
- no part with a document type declaration (DTD): an .xlsx part never has one, and a
  DTD's entities can expand a few bytes into gigabytes ("billion laughs") or name other
  files. Only each part's prolog is read for this; it stops at the root element.

:func:`parse_xml` parses a part the same way, refusing a DTD. Every problem is an
:class:`~cxassess.errors.InputError` of one line naming the file and the part.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

from .errors import InputError, show_path
from .files import megabytes

MAX_PARTS = 1_000
"""The most parts an .xlsx file may have (a form has about 10, an exported workbook
about 25)."""

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""The most an .xlsx file may unpack to, all parts together (a 5,000-respondent
executive workbook unpacks to about 150 MB)."""

_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a file in Microsoft's older compound format starts: an .xls workbook, or an .xlsx
saved with a password (Excel encrypts it into one)."""

_CENTRAL_ENTRY = b"PK\x01\x02"
"""Every part has one directory entry starting with these bytes."""


def open_xlsx(payload: bytes, name: str) -> zipfile.ZipFile:
    """The zip of an .xlsx file's bytes, checked as the module says; ``name`` names the
    file in errors."""
    if payload.startswith(_COMPOUND_FILE):
        raise InputError(f"{name}: is a password-protected or old-format (.xls) workbook, "
                         "not a readable .xlsx; save it as .xlsx without a password")
    parts = payload.count(_CENTRAL_ENTRY)  # at least as many as the directory holds
    if parts > MAX_PARTS:
        raise InputError(f"{name}: has {parts:,} parts, more than the {MAX_PARTS:,} an "
                         ".xlsx file may have")
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise InputError(f"{name}: unpacks to {megabytes(unpacked)}, more than the "
                             f"{megabytes(MAX_UNPACKED_BYTES)} an .xlsx file may have")
        for info in infos:
            _check_prolog(archive, info, name)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: not a readable .xlsx workbook ({exc})") from None
    except (ValueError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"{name}: not a readable .xlsx workbook "
                         f"({type(exc).__name__}: {exc})") from None
    return archive


class _Refused(Exception):
    """A DTD was found."""


class _Root(Exception):
    """The root element started: the prolog had no DTD."""


class _Prolog:
    """A parser target that stops at the root element and refuses a DTD before it."""

    def doctype(self, name, pubid, system):
        raise _Refused

    def start(self, tag, attrib):
        raise _Root

    def close(self):
        return None


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    parser = ElementTree.XMLParser(target=_Prolog())
    try:
        with archive.open(info) as part:
            while chunk := part.read(1 << 16):
                parser.feed(chunk)
            parser.close()
    except _Root:
        return
    except _Refused:
        raise InputError(_dtd_message(name, info.filename)) from None
    except ElementTree.ParseError:
        return  # not XML (a picture), or damaged: whoever parses it says so


def _dtd_message(name: str, part: str) -> str:
    return (f"{name}: {show_path(part)}: has a document type declaration (DTD), which an "
            ".xlsx part never has; refused (its entities could expand without bound)")


class _NoDTD(ElementTree.TreeBuilder):
    def doctype(self, name, pubid, system):
        raise _Refused


def parse_xml(data: bytes, name: str, part: str) -> ElementTree.Element:
    """The XML of ``part`` of the .xlsx file ``name``, refusing a DTD; damaged XML is an
    ``ElementTree.ParseError``."""
    parser = ElementTree.XMLParser(target=_NoDTD())
    try:
        parser.feed(data)
        return parser.close()
    except _Refused:
        raise InputError(_dtd_message(name, part)) from None
