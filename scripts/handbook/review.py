"""Which records need their owners' attention: reviews overdue, reviews due soon, drafts, per owning department."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .model import Record

DUE_SOON_DAYS = 30


@dataclass
class OwnerReviews:
    """One department's records that need attention, each list sorted by the date that matters."""
    overdue: list[Record] = field(default_factory=list)
    due_soon: list[Record] = field(default_factory=list)
    drafts: list[Record] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon or self.drafts)


def is_overdue(record: Record, today: date) -> bool:
    """Past its review date (retired records are never due)."""
    return record.status != "retired" and date.fromisoformat(record.review_by) < today


def is_due_soon(record: Record, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """Due for review today or within the next `days` days."""
    due = date.fromisoformat(record.review_by)
    return record.status != "retired" and today <= due <= today + timedelta(days=days)


def reviews_by_owner(records: list[Record], today: date, days: int = DUE_SOON_DAYS) -> dict[str, OwnerReviews]:
    """Per owner (sorted by name), the records overdue, due within `days` days, and drafts; owners with none left out."""
    owners: dict[str, OwnerReviews] = {}
    for record in sorted(records, key=lambda r: (r.review_by, r.path)):
        lists = owners.setdefault(record.owner, OwnerReviews())
        if is_overdue(record, today):
            lists.overdue.append(record)
        elif is_due_soon(record, today, days):
            lists.due_soon.append(record)
    for record in sorted(records, key=lambda r: (r.updated, r.path)):
        if record.status == "draft":
            owners.setdefault(record.owner, OwnerReviews()).drafts.append(record)
    return {owner: owners[owner] for owner in sorted(owners) if owners[owner]}
