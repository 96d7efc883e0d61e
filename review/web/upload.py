"""Thêm văn bản: upload PDF, DOCX, HTML, Markdown or text files, see each parsed (number, type, issuer, dates,
outline, warnings) before adding, then add them to the corpus through ``Corpus.add`` — ``review build`` on just
these files, with its lock, its one transaction and its per-file coded errors. With the JSON twin (``POST
/upload.json``: the same report).

An uploaded file is kept aside (``<corpus>/uploads/.staging/<batch>/``) between the preview and "Thêm vào kho",
under a batch id this session alone may add; once added it lives in ``<corpus>/uploads/<sha256 prefix>/<name>``,
the path the store records as its source. A file whose content the corpus already holds is not added again
(the stored document keeps its source); a file with a suffix the readers do not take, or over the size limit,
gets its error and the others go on. Writing needs the same right as a decision (``safety.check_write``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import time
import unicodedata
from pathlib import Path

from flask import Blueprint, abort, jsonify, render_template, request, session

from review import ReviewError, defaults, parse
from review.errors import FileTooLarge, StoreBusy, UnsupportedFormat
from review.web.labels import doc_url
from review.web.respond import wants_json
from review.web.runner import current_runner
from review.web.safety import can_write, check_write, csrf_token

bp = Blueprint("upload", __name__)

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")
UPLOADS = "uploads"
STAGING = ".staging"
MANIFEST = ".entries.json"  # the batch's files as received (a refused file has only its entry); no upload has this name
OUTLINE_MAX = 60
SESSION_BATCHES = 8
STAGED_SECONDS = 24 * 3600
# What a file's error code means, for the reader (the code and the library's English message stay beside it).
ERROR_VI = {
    "E101": "Không đọc được tệp",
    "E102": "Tệp rỗng",
    "E103": "Không nhận loại tệp này",
    "E104": "Tệp bị hỏng hoặc không đúng định dạng",
    "E105": "Tệp được mã hóa, cần mật khẩu",
    "E106": "Tệp quá lớn",
    "E107": "Không tìm thấy nội dung văn bản trong tệp",
    "E108": "Tệp là bản quét, máy chủ chưa có công cụ nhận dạng chữ (OCR)",
    "E109": "Không đọc được bảng mã của tệp",
    "E110": "Dữ liệu trong tệp không hợp lệ",
    "E111": "Đọc tệp quá thời gian cho phép",
    "E200": "Không phân tích được cấu trúc văn bản",
    "E304": "Văn bản đã có trong kho từ một tệp khác",
}


def _safe_name(name: str) -> str:
    """The file's own name (no folders), NFC, without control or path characters, at most 120 characters."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[\x00-\x1f\x7f/:*?\"<>|]", "_", base).strip(" .") or "tep"
    stem, dot, suffix = base.rpartition(".")
    return (stem[:110] + dot + suffix[:10]) if dot and stem else base[:120]


def _uploads(corpus: Path) -> Path:
    return corpus / UPLOADS


def _stage(corpus: Path) -> tuple[str, list[dict]]:
    """Keep the request's files aside; each entry says its name, size, sha256 and, if refused, the error."""
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        abort(
            400,
            description="Chưa chọn tệp nào (no file chosen): chọn hoặc kéo thả tệp PDF, DOCX, HTML, MD, TXT.",
        )
    if len(files) > defaults.WEB_UPLOAD_FILES:
        abort(400, description=f"Tối đa {defaults.WEB_UPLOAD_FILES} tệp mỗi lần (too many files).")
    _forget_old_batches(_uploads(corpus) / STAGING)
    batch = secrets.token_hex(8)
    folder = _uploads(corpus) / STAGING / batch
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    taken: set[str] = set()
    for f in files:
        name = _safe_name(f.filename or "")
        while name in taken:
            name = "_" + name
        taken.add(name)
        data = f.read(defaults.WEB_UPLOAD_FILE_BYTES + 1)
        entry: dict = {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        error: ReviewError | None = None
        if len(data) > defaults.WEB_UPLOAD_FILE_BYTES:
            error = FileTooLarge(
                f"more than the {defaults.WEB_UPLOAD_FILE_BYTES // (1024 * 1024)} MB limit of one uploaded file",
                path=name,
                hint="tệp quá lớn; thêm bằng lệnh review build",
            )
        elif Path(name).suffix.lower() not in SUFFIXES:
            error = UnsupportedFormat(
                "not a file type this page takes", path=name, hint="PDF, DOCX, HTML, Markdown (.md) hoặc .txt"
            )
        if error is not None:
            entry["error"] = error.to_dict()
        else:
            (folder / name).write_bytes(data)
        entries.append(entry)
    (folder / MANIFEST).write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    batches = [b for b in session.get("upload_batches", []) if isinstance(b, str)][-SESSION_BATCHES + 1 :]
    session["upload_batches"] = [*batches, batch]
    return batch, entries


def _forget_old_batches(staging: Path) -> None:
    """Previews never added are kept a day (a reviewer may come back to one), then removed."""
    if not staging.is_dir():
        return
    now = time.time()
    for old in staging.iterdir():
        try:
            if old.is_dir() and now - old.stat().st_mtime > STAGED_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue


def _outline(doc) -> list[str]:
    """The headings a reader checks a parse by: parts, chapters, sections and articles, in order."""
    out: list[str] = []

    def walk(units) -> None:
        for u in units:
            if len(out) >= OUTLINE_MAX:
                return
            if u.kind in ("phan", "chuong", "muc", "dieu", "phu_luc"):
                label = {
                    "phan": "Phần",
                    "chuong": "Chương",
                    "muc": "Mục",
                    "dieu": "Điều",
                    "phu_luc": "Phụ lục",
                }
                out.append(f"{label[u.kind]} {u.num or ''}. {u.heading or ''}".strip(" ."))
            if u.kind != "dieu":
                walk(u.children)

    walk(doc.units)
    return out


def _preview(folder: Path, entries: list[dict], stored: dict[str, str], known: set[str]) -> None:
    """Parse each kept file: its documents as the store would hold them, or its coded error."""
    for entry in entries:
        if "error" in entry:
            continue
        if entry["sha256"] in stored:
            entry["already"] = stored[entry["sha256"]]
        try:
            docs = parse((folder / entry["name"]).read_bytes(), name=entry["name"])
        except ReviewError as exc:
            exc.path = entry["name"]
            entry["error"] = exc.to_dict()
            continue
        entry["documents"] = [
            {
                "id": d.id,
                "number": d.number,
                "type": d.type,
                "issuer": d.issuer,
                "title": d.title,
                "issued": d.issued,
                "effective": d.effective,
                "articles": sum(1 for _ in _articles(d.units)),
                "outline": _outline(d),
                "warnings": [n.to_dict() for n in d.notes],
                "in_corpus": d.id in known,
            }
            for d in docs
        ]
        if not docs:
            entry["error"] = {
                "code": "E107",
                "path": entry["name"],
                "message": "no document found",
                "hint": None,
            }
        elif any(len(d["outline"]) >= OUTLINE_MAX for d in entry["documents"]):
            entry["outline_cut"] = OUTLINE_MAX


def _articles(units):
    for u in units:
        if u.kind == "dieu":
            yield u
        yield from _articles(u.children)


def _add(corpus: Path, folder: Path, entries: list[dict]) -> dict:
    """Move the files that parsed into their place and add them through ``Corpus.add``; each entry gets what the
    build did with it. The build's own report is returned."""
    chosen: dict[str, dict] = {}
    for entry in entries:
        if "error" in entry:
            entry["result"] = "refused"
            continue
        if entry.get("already"):
            entry["result"] = "already"
            continue
        home = _uploads(corpus) / entry["sha256"][:16]
        home.mkdir(parents=True, exist_ok=True)
        target = home / entry["name"]
        os.replace(folder / entry["name"], target)
        chosen[str(target.resolve())] = entry
    report = None
    if chosen:
        runner = current_runner()
        try:
            report = runner.run(lambda c: c.add(list(chosen)))
        except StoreBusy as exc:
            abort(503, description=f"Đang có một lần dựng kho khác (another build is running): {exc}")
        runner.forget()
        by_path: dict[str, list[dict]] = {}
        for problem in report.problems:
            by_path.setdefault(str(problem.get("path") or ""), []).append(problem)
        docs_of = runner.run(
            lambda c: {d.source.path: d.id for d in c.snapshot.documents.values() if d.source.path in chosen}
        )
        for path, entry in chosen.items():
            entry["problems"] = by_path.get(path, [])
            failed = path in report.failed or path in report.deferred
            entry["result"] = "failed" if failed else "added"
            entry["added"] = sorted(i for p, i in docs_of.items() if p == path)
    shutil.rmtree(folder, ignore_errors=True)
    return report.to_dict() if report else {}


def _stored_sources(c) -> tuple[dict[str, str], set[str]]:
    """The sha256 of every stored source → one of its documents, and the stored ids."""
    docs = c.snapshot.documents
    return {d.source.sha256: d.id for d in docs.values()}, set(docs)


def _answer(report: dict, status: int = 200):
    for entry in report["files"]:
        for error in [entry.get("error"), *entry.get("problems", [])]:
            if error:
                error["vi"] = ERROR_VI.get(str(error.get("code")), "Lỗi khi đọc tệp")
    if wants_json():
        return jsonify(report), status
    return render_template("upload.html", report=report, can_write=can_write(), limits=_limits()), status


def _limits() -> dict:
    return {
        "file_mb": defaults.WEB_UPLOAD_FILE_BYTES // (1024 * 1024),
        "total_mb": defaults.WEB_UPLOAD_BYTES // (1024 * 1024),
        "files": defaults.WEB_UPLOAD_FILES,
        "suffixes": list(SUFFIXES),
    }


@bp.get("/upload.json", endpoint="upload_json")
@bp.get("/upload")
def upload_page():
    if wants_json():
        return jsonify({"limits": _limits(), "can_write": can_write(), "csrf_token": csrf_token()})
    return render_template("upload.html", report=None, can_write=can_write(), limits=_limits())


@bp.post("/upload.json", endpoint="upload_post_json")
@bp.post("/upload")
def upload_post():
    """``action=preview`` (the default): keep the files aside and parse them. ``action=add`` with ``batch``:
    add a previewed batch; ``action=add`` with files: preview and add at once (for scripts)."""
    check_write()
    corpus = Path(current_runner().run(lambda c: str(c.path))).resolve()
    action = request.form.get("action") or "preview"
    if action not in ("preview", "add"):
        abort(400, description="action: preview hoặc add.")
    stored, known = current_runner().run(_stored_sources)
    batch = request.form.get("batch") or ""
    if action == "add" and batch:
        if not re.fullmatch(r"[0-9a-f]{16}", batch) or batch not in session.get("upload_batches", []):
            abort(404, description="Không có lô tệp này (no such upload batch): tải tệp lên lại.")
        folder = _uploads(corpus) / STAGING / batch
        if not folder.is_dir():
            abort(
                404, description="Lô tệp đã được thêm hoặc đã hết hạn (batch already added): tải tệp lên lại."
            )
        entries = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    else:
        batch, entries = _stage(corpus)
        folder = _uploads(corpus) / STAGING / batch
    _preview(folder, entries, stored, known)
    report: dict = {"batch": batch, "action": action, "files": entries}
    if action == "add":
        report["build"] = _add(corpus, folder, entries)
        report["batch"] = None
        for entry in entries:
            entry["links"] = [doc_url(i) for i in entry.get("added", [])]
    return _answer(report)
