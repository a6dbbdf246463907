"""`extends:`: a scenario built on another one, key by key.

Mappings merge key by key; lists of items with ids (stakeholders, packages,
actions, events) merge by id, new ids appended in order; any other value in the
extending file replaces the base's. Positions follow the values, so an error
points into whichever file the offending value came from.
"""

from typing import Any

from game.scenario.yaml_source import Document, KeyPath, Mark


def merge_documents(base: Document, over: Document) -> Document:
    """`over` on top of `base` (neither is modified)."""
    marks: dict[KeyPath, Mark] = {(): over.marks[()]}
    data = _merge(base.data, over.data, base.marks, over.marks, (), (), (), marks)
    # Only the extending file's cut texts: a base's are reported when the base is checked.
    return Document(data, marks, over.file, over.comments)


def _copy_marks(
    src: dict[KeyPath, Mark], src_at: KeyPath, dst_at: KeyPath, out: dict[KeyPath, Mark]
) -> None:
    n = len(src_at)
    for path, mark in src.items():
        if path[:n] == src_at:
            out[dst_at + path[n:]] = mark


def _is_id_list(value: Any) -> bool:
    """A non-empty list of mappings with distinct text ids (anything else is replaced whole)."""
    if not isinstance(value, list) or not value:
        return False
    ids = [v.get("id") if isinstance(v, dict) else None for v in value]
    return all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def _merge(
    base: Any,
    over: Any,
    bm: dict[KeyPath, Mark],
    om: dict[KeyPath, Mark],
    bp: KeyPath,
    op: KeyPath,
    rp: KeyPath,
    out: dict[KeyPath, Mark],
) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        result: dict[str, Any] = {}
        for key in [*base, *(k for k in over if k not in base)]:
            at = (*rp, key)
            if key in base and key in over:
                out[at] = om[(*op, key)]
                result[key] = _merge(base[key], over[key], bm, om, (*bp, key), (*op, key), at, out)
            elif key in base:
                _copy_marks(bm, (*bp, key), at, out)
                result[key] = base[key]
            else:
                _copy_marks(om, (*op, key), at, out)
                result[key] = over[key]
        return result
    if _is_id_list(base) and _is_id_list(over):
        by_id = {item["id"]: i for i, item in enumerate(over)}
        items: list[Any] = []
        for i, item in enumerate(base):
            at = (*rp, len(items))
            j = by_id.pop(item["id"], None)
            if j is None:
                _copy_marks(bm, (*bp, i), at, out)
                items.append(item)
            else:
                out[at] = om[(*op, j)]
                items.append(_merge(item, over[j], bm, om, (*bp, i), (*op, j), at, out))
        for j in sorted(by_id.values()):
            _copy_marks(om, (*op, j), (*rp, len(items)), out)
            items.append(over[j])
        return items
    _copy_marks(om, op, rp, out)
    return over
