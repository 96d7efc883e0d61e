"""Paths to eids: a unit path as the finder reads it ({"dieu": "5", "khoan": "2"}) written as the element id of
docs/CONTRACT.md ("dieu_5__khoan_2"), relative paths completed from the unit the text is in."""

from __future__ import annotations

from review.identity.units import eid_token


def path_to_eid(path: dict[str, str], *, current: str | None = None) -> str | None:
    """{"dieu": "5", "khoan": "2", "diem": "đ"} → "dieu_5__khoan_2__diem_dd"; relative paths ("khoản 2",
    "điểm a khoản này") are completed from ``current``, the eid of the unit the text belongs to."""
    cur = _parse_eid(current) if current else {}
    self_kind = path.get("self")
    full: dict[str, str] = {}
    if self_kind:
        # "Điều này" → the current article; "khoản 2 Điều này" → clause 2 of it; "điểm a khoản này" …
        order = ["phu_luc", "dieu", "khoan", "diem"]
        upto = order.index(self_kind) if self_kind in order else None
        if upto is None:
            return None
        for key in order[: upto + 1]:
            if key not in cur:
                if key == "phu_luc":
                    continue
                return None
            full[key] = cur[key]
        for key in order[upto + 1 :]:
            if key in path:
                full[key] = path[key]
    else:
        full = {k: v for k, v in path.items() if k != "self"}
        if "dieu" not in full and any(k in full for k in ("khoan", "diem")):
            if "dieu" not in cur:
                return None
            full["dieu"] = cur["dieu"]
            if "khoan" not in full and "diem" in full:
                if "khoan" not in cur:
                    return None
                full["khoan"] = cur["khoan"]
    return _compose(full)


def _compose(parts: dict[str, str]) -> str | None:
    if "muc" in parts and "chuong" not in parts and "dieu" not in parts:
        return f"muc_{parts['muc']}"
    if "chuong" in parts or "muc" in parts:
        chuong = parts.get("chuong")
        if chuong and "dieu" not in parts:
            return f"chuong_{chuong}" + (f"__muc_{parts['muc']}" if "muc" in parts else "")
        if "dieu" not in parts:
            return None
    segs = []
    if "phu_luc" in parts and "dieu" not in parts:
        return f"phu_luc_{eid_token(parts['phu_luc'])}" if parts["phu_luc"] else "phu_luc"
    if "dieu" in parts:
        segs.append(f"dieu_{eid_token(parts['dieu'])}")
    if "khoan" in parts:
        segs.append(f"khoan_{eid_token(parts['khoan'])}")
    if "diem" in parts:
        segs.append(f"diem_{eid_token(parts['diem'])}")
    return "__".join(segs) or None


def _parse_eid(eid: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for seg in eid.split("__"):
        kind, _, num = seg.partition("_")
        if kind == "phu" and num.startswith("luc_"):
            out["phu_luc"] = num[4:]
        elif kind in ("dieu", "khoan", "diem", "chuong", "muc"):
            out[kind] = num.replace("dd", "đ") if kind == "diem" else num
    return out
